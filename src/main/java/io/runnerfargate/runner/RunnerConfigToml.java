package io.runnerfargate.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The official helper image for x86_64 at the runner's own version (Fargate on EKS runs no arm64). */
    public static final String HELPER_IMAGE =
            "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}";
    public static final int POLL_INTERVAL_SECONDS = 5;

    /** The S3 cache, reached with the manager's IAM role: no static keys. */
    public record S3Cache(String bucketName, String region) {}

    /** What the template needs; {@code extra} is the user's validated fragment for [[runners]]. */
    public record Inputs(String jobNamespace, int pollTimeoutSeconds, JobSizing sizing, Optional<S3Cache> cache,
                         Map<String, Object> extra) {}

    /** The config.toml template for the one kubernetes-executor runner of a stack. */
    public static Map<String, Object> template(Inputs in) {
        Map<String, Object> kubernetes = new LinkedHashMap<>();
        kubernetes.put("namespace", in.jobNamespace());
        // The image for jobs that name none.
        kubernetes.put("image", DEFAULT_JOB_IMAGE);
        kubernetes.put("helper_image", HELPER_IMAGE);
        // Fargate takes 30 to 90 s to place a pod, then pulls every image with an empty cache: 180 s is too short.
        kubernetes.put("poll_timeout", in.pollTimeoutSeconds());
        kubernetes.put("poll_interval", POLL_INTERVAL_SECONDS);
        // Requests equal limits, so Fargate sizes each job pod as asked.
        putSize(kubernetes, "", in.sizing().build());
        putSize(kubernetes, "helper_", in.sizing().helper());
        putSize(kubernetes, "service_", in.sizing().service());
        Map<String, Object> runner = new LinkedHashMap<>();
        runner.put("kubernetes", kubernetes);
        in.cache().ifPresent(cache -> {
            Map<String, Object> s3 = new LinkedHashMap<>();
            s3.put("BucketName", cache.bucketName());
            s3.put("BucketLocation", cache.region());
            s3.put("AuthenticationType", "iam");
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Type", "s3");
            c.put("Shared", true);
            c.put("s3", s3);
            runner.put("cache", c);
        });
        Map<String, Object> merged = ExtraRunnerConfig.mergeInto(runner, in.extra());
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("runners", List.of(merged));
        return config;
    }

    private static void putSize(Map<String, Object> kubernetes, String prefix, ContainerSize size) {
        kubernetes.put(prefix + "cpu_request", size.cpu());
        kubernetes.put(prefix + "cpu_limit", size.cpu());
        kubernetes.put(prefix + "memory_request", size.memory());
        kubernetes.put(prefix + "memory_limit", size.memory());
        if (size.ephemeralStorage() != null) {
            kubernetes.put(prefix + "ephemeral_storage_request", size.ephemeralStorage());
            kubernetes.put(prefix + "ephemeral_storage_limit", size.ephemeralStorage());
        }
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
