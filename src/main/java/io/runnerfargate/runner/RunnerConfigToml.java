package io.runnerfargate.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the runner's config.toml template (the chart's {@code runners.config}) in the usual
 * tables form, {@code [[runners]]} and {@code [runners.kubernetes]}, so it reads like the runner's
 * documentation. Each {@code key = value} line is written by Jackson's TOML writer, which does the
 * quoting and escaping.
 */
public final class RunnerConfigToml {
    private static final TomlMapper TOML = new TomlMapper();
    public static final String DEFAULT_JOB_IMAGE = "alpine:3";

    private RunnerConfigToml() {}

    /** The config.toml template for one kubernetes-executor runner whose job pods go to {@code jobNamespace}. */
    public static Map<String, Object> template(String jobNamespace) {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("namespace", jobNamespace);
        // The image for jobs that name none; Fargate runs linux/amd64 only.
        kubernetes.put("image", DEFAULT_JOB_IMAGE);
        Map<String, Object> runner = new LinkedHashMap<>();
        runner.put("kubernetes", kubernetes);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("runners", List.of(runner));
        return config;
    }

    /** {@code config} holds a {@code runners} list of tables; nested maps become sub-tables. */
    public static String render(Map<String, Object> config) {
        var out = new StringBuilder();
        writeTable(out, "", config, 0);
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static void writeTable(StringBuilder out, String path, Map<String, Object> table, int depth) {
        List<Map.Entry<String, Object>> subTables = new ArrayList<>();
        for (var e : table.entrySet()) {
            if (e.getValue() instanceof Map || isListOfTables(e.getValue())) {
                subTables.add(e);
            } else {
                out.append("  ".repeat(depth)).append(line(e.getKey(), e.getValue()));
            }
        }
        for (var e : subTables) {
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            if (e.getValue() instanceof Map) {
                out.append("  ".repeat(depth)).append('[').append(childPath).append("]\n");
                writeTable(out, childPath, (Map<String, Object>) e.getValue(), depth + 1);
            } else {
                for (Object item : (List<Object>) e.getValue()) {
                    out.append("  ".repeat(depth)).append("[[").append(childPath).append("]]\n");
                    writeTable(out, childPath, (Map<String, Object>) item, depth + 1);
                }
            }
        }
    }

    private static boolean isListOfTables(Object value) {
        return value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map);
    }

    private static String line(String key, Object value) {
        try {
            return TOML.writeValueAsString(Map.of(key, value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + key + " as TOML", e);
        }
    }

    /** Every leaf key as a dotted path in the key list's notation ({@code runners[].kubernetes.namespace}). */
    @SuppressWarnings("unchecked")
    public static List<String> keyPaths(Map<String, Object> config) {
        List<String> paths = new ArrayList<>();
        collect(paths, "", config);
        return paths;
    }

    @SuppressWarnings("unchecked")
    private static void collect(List<String> paths, String prefix, Map<String, Object> table) {
        for (var e : table.entrySet()) {
            String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map) {
                collect(paths, path, (Map<String, Object>) e.getValue());
            } else if (isListOfTables(e.getValue())) {
                for (Object item : (List<Object>) e.getValue()) {
                    collect(paths, path + "[]", (Map<String, Object>) item);
                }
            } else {
                paths.add(path);
            }
        }
    }
}
