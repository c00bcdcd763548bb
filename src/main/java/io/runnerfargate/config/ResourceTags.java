package io.runnerfargate.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tags one AWS resource gets: the stack's tags, its Name, then any tags of its own role. */
public final class ResourceTags {
    private ResourceTags() {}

    public static Map<String, String> of(Map<String, String> stackTags, String name, Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(stackTags);
        all.put("Name", name);
        all.putAll(extra);
        return all;
    }

    public static Map<String, String> of(Map<String, String> stackTags, String name) {
        return of(stackTags, name, Map.of());
    }
}
