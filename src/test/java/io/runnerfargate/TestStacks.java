package io.runnerfargate;

import io.runnerfargate.config.StackSettings;
import io.runnerfargate.plan.OfflinePlan;
import io.runnerfargate.plan.PlanResult;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Stack settings for tests, written the way a stack file would give them to the engine. */
public final class TestStacks {
    public static final String PROJECT = "gitlab-runner-fargate";
    public static final String TOKEN = "glrt-t3st-t0ken-value-that-must-never-leak";
    /** The day the tests plan for: Kubernetes 1.35 is in standard support then. */
    public static final java.time.LocalDate DAY = java.time.LocalDate.of(2026, 12, 3);

    private TestStacks() {}

    /** Project keys without the namespace; values as the engine passes them (lists as JSON). */
    public static Map<String, String> config(Map<String, String> projectKeys) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(StackSettings.REGION_KEY, "us-west-2");
        config.put(PROJECT + ":availabilityZones", "[\"us-west-2a\",\"us-west-2b\"]");
        config.put(PROJECT + ":runnerToken", TOKEN);
        // A production stack may not open the API endpoint to 0.0.0.0/0 (the default).
        config.put(PROJECT + ":publicAccessCidrs", "[\"198.51.100.0/24\"]");
        projectKeys.forEach((k, v) -> {
            if (v == null) {
                config.remove(k.contains(":") ? k : PROJECT + ":" + k);
            } else {
                config.put(k.contains(":") ? k : PROJECT + ":" + k, v);
            }
        });
        return config;
    }

    public static StackSettings settings(String stack, Map<String, String> projectKeys) {
        Map<String, String> config = config(projectKeys);
        Set<String> secrets = new LinkedHashSet<>();
        if (config.containsKey(PROJECT + ":runnerToken")) {
            secrets.add(PROJECT + ":runnerToken");
        }
        return StackSettings.parse(PROJECT, stack, config, secrets);
    }

    public static StackSettings nonprod() {
        return settings("nonprod", Map.of());
    }

    public static PlanResult plan(String stack, Map<String, String> projectKeys) {
        return OfflinePlan.run(settings(stack, projectKeys), DAY);
    }
}
