package io.runnerfargate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.runnerfargate.TestStacks;
import io.runnerfargate.plan.OfflinePlan;
import io.runnerfargate.plan.PlanMocks;
import io.runnerfargate.plan.PlanReport;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class GitLabRunnerReleaseTest {

    private static PlanResult prod() {
        return TestStacks.plan("prod", Map.of("jobNamespace", "gitlab-runner-jobs", "concurrent", "20",
                "gitlabUrl", "https://gitlab.example.com/"));
    }

    @Test
    void helmReleaseOfTheOfficialChartWithValuesTheChartReads() throws Exception {
        PlannedResource release = prod().require("prod-gitlab-runner");
        assertEquals("gitlab-runner", release.input("chart"));
        assertEquals("0.86.0", release.input("version"));
        assertEquals("https://charts.gitlab.io", release.input("repositoryOpts", "repo"));
        assertEquals("gitlab-runner", release.input("name"));
        assertEquals("gitlab-runner", release.input("namespace"));
        assertEquals("https://gitlab.example.com/", release.input("values", "gitlabUrl"));
        assertEquals(20L, release.input("values", "concurrent"));
        assertEquals(true, release.input("values", "rbac", "create"));
        assertEquals("gitlab-runner-token", release.input("values", "runners", "secret"));
        @SuppressWarnings("unchecked")
        var values = (Map<String, Object>) release.input("values");
        assertEquals(List.of(), RunnerValues.unreadPaths(values));

        var toml = new TomlMapper().readTree((String) release.input("values", "runners", "config"));
        assertEquals("gitlab-runner-jobs", toml.at("/runners/0/kubernetes/namespace").asText());
    }

    @Test
    void releaseWaitsForTheFargateProfilesCorednsLoggingAndTheTokenSecret() {
        PlanResult plan = prod();
        assertEquals(List.of("prod-aws-logging", "prod-coredns", "prod-fp-gitlab-runner", "prod-fp-gitlab-runner-jobs",
                "prod-fp-kube-system", "prod-runner-token"), plan.require("prod-gitlab-runner").dependsOn());
        assertEquals(List.of("prod-aws-logging", "prod-coredns", "prod-fp-gitlab-runner", "prod-fp-gitlab-runner-jobs", "prod-fp-kube-system"),
                plan.require("prod-ns-gitlab-runner-jobs").dependsOn());
    }

    @Test
    void jobNamespaceGetsItsOwnRoleBoundToTheChartsServiceAccount() {
        PlanResult plan = prod();
        assertEquals("gitlab-runner-jobs", plan.require("prod-ns-gitlab-runner-jobs").input("metadata", "name"));
        PlannedResource binding = plan.require("prod-job-role-binding");
        assertEquals("gitlab-runner-jobs", binding.input("metadata", "namespace"));
        assertEquals(List.of(Map.of("kind", "ServiceAccount", "name", "gitlab-runner", "namespace", "gitlab-runner")),
                binding.input("subjects"));
        assertEquals("Role", binding.input("roleRef", "kind"));
        assertEquals(8, ((List<?>) plan.require("prod-job-role").input("rules")).size());
        assertTrue(TestStacks.plan("nonprod", Map.of()).named("nonprod-job-role").isEmpty());
    }

    @Test
    void tokenSecretHoldsBothKeysTheChartMountsAndIsSecretEverywhere() {
        PlanResult plan = prod();
        PlannedResource secret = plan.require("prod-runner-token");
        assertEquals("gitlab-runner-token", secret.input("metadata", "name"));
        assertEquals("gitlab-runner", secret.input("metadata", "namespace"));
        assertEquals("[secret]", secret.input("stringData"));
        String text = PlanReport.text(plan);
        String json = PlanReport.json(plan);
        assertFalse(text.contains(TestStacks.TOKEN), "token in the text plan");
        assertFalse(json.contains(TestStacks.TOKEN), "token in the JSON plan");
        assertFalse(json.contains("glrt-t3st"), "token prefix in the JSON plan");
    }

    /** Keeps what each resource received, secrets unwrapped, as the mock runtime hands them over. */
    static final class KeepingMocks extends PlanMocks {
        final Map<String, Map<String, Object>> received = new ConcurrentHashMap<>();

        KeepingMocks() {
            super("us-west-2");
        }

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            received.put(args.name, args.inputs);
            return super.newResourceAsync(args);
        }
    }

    @Test
    void theTokenReachesTheSecretExactlyAndWithoutTheTrailingNewlineFromSecretsManager() {
        var keys = new java.util.HashMap<String, String>();
        keys.put("runnerToken", null);
        keys.put("runnerTokenSecretName", "prod/GitLabRunnerToken");
        var mocks = new KeepingMocks();
        PlanResult plan = OfflinePlan.run(TestStacks.settings("prod", keys), mocks, TestStacks.DAY);
        assertEquals(List.of(), plan.errors());
        // The mocked secret ends in a newline, as a token pasted into the console often does.
        assertEquals(Map.of("runner-token", PlanMocks.SECRETS_MANAGER_TOKEN, "runner-registration-token", ""),
                mocks.received.get("prod-runner-token").get("stringData"));
        assertEquals("[secret]", plan.require("prod-runner-token").input("stringData"));
        assertFalse(PlanReport.json(plan).contains(PlanMocks.SECRETS_MANAGER_TOKEN));
    }

    @Test
    void theStackSecretTokenReachesTheSecretExactly() {
        var mocks = new KeepingMocks();
        OfflinePlan.run(TestStacks.settings("nonprod", Map.of()), mocks, TestStacks.DAY);
        assertEquals(Map.of("runner-token", TestStacks.TOKEN, "runner-registration-token", ""),
                mocks.received.get("nonprod-runner-token").get("stringData"));
    }
}
