package io.runnerfargate.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the runner manager may do in the job namespace to run jobs with the kubernetes executor
 * and its default attach strategy (GitLab Runner docs, "Configure runner API permissions").
 */
public final class RunnerRbac {
    private RunnerRbac() {}

    public record Rule(List<String> resources, List<String> verbs) {}

    public static final List<Rule> RULES = List.of(
            new Rule(List.of("pods"), List.of("create", "delete", "get", "list", "watch")),
            new Rule(List.of("pods/attach", "pods/exec"), List.of("create", "delete", "get", "patch")),
            new Rule(List.of("pods/log"), List.of("get", "list")),
            new Rule(List.of("secrets"), List.of("create", "delete", "get", "update")),
            new Rule(List.of("configmaps"), List.of("create", "delete", "get", "update")),
            new Rule(List.of("serviceaccounts"), List.of("get")),
            new Rule(List.of("services"), List.of("create", "get")),
            new Rule(List.of("events"), List.of("list", "watch")));

    /** The rules in the chart's {@code rbac.rules} shape (core API group). */
    public static List<Map<String, Object>> asChartRules() {
        return RULES.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("apiGroups", List.of(""));
            m.put("resources", r.resources());
            m.put("verbs", r.verbs());
            return m;
        }).toList();
    }
}
