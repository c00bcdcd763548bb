package io.runnerfargate.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gitlab-runner chart's values. Every path is one the chart's templates read (checked against
 * {@link RunnerKeys}): the chart ignores unknown keys without a word.
 */
public final class RunnerValues {
    /** The chart's service account, named so that a Role in another namespace can bind to it. */
    public static final String SERVICE_ACCOUNT = "gitlab-runner";

    private RunnerValues() {}

    public record Inputs(String gitlabUrl, int concurrent, String tokenSecretName, String configToml) {}

    public static Map<String, Object> build(Inputs in) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("gitlabUrl", in.gitlabUrl());
        values.put("concurrent", in.concurrent());
        // rbac.create is false by default, and then the manager cannot create job pods.
        Map<String, Object> rbac = new LinkedHashMap<>();
        rbac.put("create", true);
        rbac.put("rules", RunnerRbac.asChartRules());
        values.put("rbac", rbac);
        Map<String, Object> serviceAccount = new LinkedHashMap<>();
        serviceAccount.put("create", true);
        serviceAccount.put("name", SERVICE_ACCOUNT);
        values.put("serviceAccount", serviceAccount);
        Map<String, Object> runners = new LinkedHashMap<>();
        // The Secret holds runner-token and runner-registration-token; the pod mounts both.
        runners.put("secret", in.tokenSecretName());
        runners.put("config", in.configToml());
        values.put("runners", runners);
        return values;
    }

    /** Every leaf path of the values, dotted, for checking against the chart's key list. */
    @SuppressWarnings("unchecked")
    public static List<String> leafPaths(Map<String, Object> values) {
        List<String> out = new ArrayList<>();
        for (var e : values.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m && !m.isEmpty()) {
                for (String child : leafPaths((Map<String, Object>) m)) {
                    out.add(e.getKey() + "." + child);
                }
            } else {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** Paths the chart would ignore. */
    public static List<String> unreadPaths(Map<String, Object> values) {
        return leafPaths(values).stream().filter(p -> !RunnerKeys.chartReads(p)).toList();
    }
}
