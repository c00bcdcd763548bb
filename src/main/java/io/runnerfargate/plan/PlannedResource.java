package io.runnerfargate.plan;

import java.util.List;
import java.util.Map;

/**
 * One resource as the program registered it. {@code inputs} hold "[secret]" wherever the program
 * marked a value secret; {@code parent} is the parent resource's name (null for top-level
 * components); {@code dependsOn} lists explicit dependencies by name.
 */
public record PlannedResource(
        String type,
        String name,
        String parent,
        boolean custom,
        Map<String, Object> inputs,
        List<String> dependsOn,
        boolean protect,
        boolean deleteBeforeReplace) {

    public static final String SECRET = "[secret]";
    public static final String UNKNOWN = "[unknown]";

    public boolean isAws() {
        return type.startsWith("aws:");
    }

    /** Reads a nested input, e.g. {@code input("vpcConfig", "subnetIds")}; null when absent. */
    @SuppressWarnings("unchecked")
    public Object input(String... path) {
        Object current = inputs;
        for (String key : path) {
            if (!(current instanceof Map)) {
                return null;
            }
            current = ((Map<String, Object>) current).get(key);
        }
        return current;
    }
}
