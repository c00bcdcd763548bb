package io.runnerfargate.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Pulumi operations a deployment can run, named as the Deployments API spells them. */
public enum Operation {
    PREVIEW,
    UPDATE,
    DESTROY,
    REFRESH;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Operation parse(String text) {
        for (Operation operation : values()) {
            if (operation.apiName().equals(text)) {
                return operation;
            }
        }
        throw new IllegalArgumentException(
                "unknown operation '" + text + "': expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(Operation::apiName).collect(Collectors.joining(", "));
    }
}
