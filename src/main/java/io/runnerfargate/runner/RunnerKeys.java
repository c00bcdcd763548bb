package io.runnerfargate.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The keys the gitlab-runner chart and the runner really read. Neither rejects an unknown key:
 * a misspelt one is silently ignored in production, so the program checks against these lists.
 */
public final class RunnerKeys {
    public static final String CHART_KEYS_RESOURCE = "chart-0.86.0-template-keys.txt";
    public static final String TOML_KEYS_RESOURCE = "runner-18.9.0-config-toml-keys.tsv";

    private static final class Holder {
        static final Set<String> CHART = load(CHART_KEYS_RESOURCE).keySet();
        static final Map<String, String> TOML = load(TOML_KEYS_RESOURCE);
    }

    private RunnerKeys() {}

    public static Set<String> chartValuePaths() {
        return Holder.CHART;
    }

    /** Dotted TOML paths, {@code runners[]} for the array of runners, mapped to their Go types. */
    public static Map<String, String> tomlKeys() {
        return Holder.TOML;
    }

    /**
     * A values path has an effect when the chart reads it, or when it lies below a path the chart
     * reads whole: a listed path with no listed children ({@code rbac.rules}, {@code affinity}).
     * {@code runners.privileged} is not read although {@code runners} is listed, since the chart
     * reads named children of {@code runners}.
     */
    public static boolean chartReads(String path) {
        if (Holder.CHART.contains(path)) {
            return true;
        }
        for (String p = path; p.indexOf('.') >= 0; ) {
            p = p.substring(0, p.lastIndexOf('.'));
            if (Holder.CHART.contains(p)) {
                String parent = p + ".";
                return Holder.CHART.stream().noneMatch(k -> k.startsWith(parent));
            }
        }
        return false;
    }

    /** A TOML path is read when it is listed, or lies below a map-typed key (free-form keys there). */
    public static boolean runnerReads(String path) {
        if (Holder.TOML.containsKey(path)) {
            return true;
        }
        for (String p = path; p.indexOf('.') >= 0; ) {
            p = p.substring(0, p.lastIndexOf('.'));
            String type = Holder.TOML.get(p);
            if (type != null) {
                return type.startsWith("map[");
            }
        }
        return false;
    }

    private static Map<String, String> load(String resource) {
        var in = RunnerKeys.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", 2))
                    .collect(Collectors.toMap(f -> f[0].trim(), f -> f.length > 1 ? f[1].trim() : "",
                            (a, b) -> a, LinkedHashMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
