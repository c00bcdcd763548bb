package io.runnerfargate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RunnerValuesTest {
    private static final RunnerConfigToml.Inputs INPUTS = new RunnerConfigToml.Inputs("gitlab-runner-jobs", 600,
            JobSizing.DEFAULT, java.util.Optional.of(new RunnerConfigToml.S3Cache("runner-cache-bucket", "us-west-2")), Map.of());
    private static final String TOML = RunnerConfigToml.render(RunnerConfigToml.template(INPUTS));
    private static final Map<String, Object> VALUES = RunnerValues.build(
            new RunnerValues.Inputs("https://gitlab.example.com/", 12, "gitlab-runner-token", TOML));

    @Test
    void configTomlIsTheTablesFormAndParsesBack() throws Exception {
        assertEquals("""
                [[runners]]
                  [runners.kubernetes]
                    namespace = 'gitlab-runner-jobs'
                    image = 'alpine:3'
                    helper_image = 'registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper:x86_64-v${CI_RUNNER_VERSION}'
                    poll_timeout = 600
                    poll_interval = 5
                    cpu_request = '1500m'
                    cpu_limit = '1500m'
                    memory_request = '3Gi'
                    memory_limit = '3Gi'
                    ephemeral_storage_request = '10Gi'
                    ephemeral_storage_limit = '10Gi'
                    helper_cpu_request = '250m'
                    helper_cpu_limit = '250m'
                    helper_memory_request = '256Mi'
                    helper_memory_limit = '256Mi'
                    helper_ephemeral_storage_request = '1Gi'
                    helper_ephemeral_storage_limit = '1Gi'
                    service_cpu_request = '250m'
                    service_cpu_limit = '250m'
                    service_memory_request = '512Mi'
                    service_memory_limit = '512Mi'
                    service_ephemeral_storage_request = '1Gi'
                    service_ephemeral_storage_limit = '1Gi'
                  [runners.cache]
                    Type = 's3'
                    Shared = true
                    [runners.cache.s3]
                      BucketName = 'runner-cache-bucket'
                      BucketLocation = 'us-west-2'
                      AuthenticationType = 'iam'
                """, TOML);
        JsonNode parsed = new TomlMapper().readTree(TOML);
        JsonNode kubernetes = parsed.at("/runners/0/kubernetes");
        assertEquals("gitlab-runner-jobs", kubernetes.get("namespace").asText());
        assertEquals(600, kubernetes.get("poll_timeout").asInt());
        // Requests equal limits for every container, so Fargate sizes the pod as asked.
        for (String prefix : List.of("", "helper_", "service_")) {
            for (String resource : List.of("cpu", "memory", "ephemeral_storage")) {
                assertEquals(kubernetes.get(prefix + resource + "_request"), kubernetes.get(prefix + resource + "_limit"), prefix + resource);
            }
        }
        assertEquals("iam", parsed.at("/runners/0/cache/s3/AuthenticationType").asText());
        assertEquals(1, parsed.get("runners").size());
    }

    @Test
    void everyTomlKeyIsOneTheRunnerReads() {
        List<String> paths = RunnerConfigToml.keyPaths(RunnerConfigToml.template(INPUTS));
        assertEquals(28, paths.size());
        assertEquals(List.of(), paths.stream().filter(p -> !RunnerKeys.runnerReads(p)).toList());
        assertFalse(RunnerKeys.runnerReads("runners[].kubernetes.namepsace"));
        assertFalse(RunnerKeys.runnerReads("runners[].privileged"));
        // Free-form keys under a map-typed key are read as given.
        assertTrue(RunnerKeys.runnerReads("runners[].kubernetes.node_selector.kubernetes.io/arch"));
    }

    @Test
    void valuesAreExactlyWhatTheChartNeedsAndNothingItIgnores() {
        assertEquals(List.of("gitlabUrl", "concurrent", "checkInterval", "resources.requests.cpu", "resources.requests.memory",
                "resources.limits.cpu", "resources.limits.memory", "rbac.create", "rbac.rules", "serviceAccount.create",
                "serviceAccount.name", "runners.secret", "runners.config"), RunnerValues.leafPaths(VALUES));
        assertEquals(Map.of("requests", Map.of("cpu", "250m", "memory", "256Mi"), "limits", Map.of("cpu", "250m", "memory", "256Mi")),
                VALUES.get("resources"));
        assertEquals(List.of(), RunnerValues.unreadPaths(VALUES));
        assertEquals("https://gitlab.example.com/", VALUES.get("gitlabUrl"));
        assertEquals(12, VALUES.get("concurrent"));
        assertEquals(Map.of("secret", "gitlab-runner-token", "config", TOML), VALUES.get("runners"));
        assertEquals(Map.of("create", true, "name", "gitlab-runner"), VALUES.get("serviceAccount"));
    }

    @Test
    void keysTheChartNoLongerReadsAreCaught() {
        // Removed in chart 0.53 and silently ignored since; rbac.rules is read whole, so its items count.
        var runners = new java.util.LinkedHashMap<String, Object>();
        runners.put("privileged", true);
        runners.put("builds", Map.of("cpuLimit", "1"));
        runners.put("image", "ubuntu");
        runners.put("secret", "s");
        var values = new java.util.LinkedHashMap<String, Object>();
        values.put("runners", runners);
        values.put("rbac", Map.of("rules", List.of()));
        values.put("unregisterRunner", true);
        assertEquals(List.of("runners.privileged", "runners.builds.cpuLimit", "runners.image", "unregisterRunner"),
                RunnerValues.unreadPaths(values));
    }

    @Test
    void rbacLetsTheManagerRunJobPodsWithTheAttachStrategy() {
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) ((Map<String, Object>) VALUES.get("rbac")).get("rules");
        Map<String, Object> byResource = rules.stream().collect(Collectors.toMap(
                r -> String.join(",", (List<String>) r.get("resources")), r -> r.get("verbs")));
        assertEquals(List.of("create", "delete", "get", "list", "watch"), byResource.get("pods"));
        assertEquals(List.of("create", "delete", "get", "patch"), byResource.get("pods/attach,pods/exec"));
        assertEquals(List.of("create", "delete", "get", "update"), byResource.get("secrets"));
        assertEquals(List.of("get"), byResource.get("serviceaccounts"));
        assertEquals(Set.of("pods", "pods/attach,pods/exec", "pods/log", "secrets", "configmaps", "serviceaccounts",
                "services", "events"), byResource.keySet());
        rules.forEach(r -> assertEquals(List.of(""), r.get("apiGroups")));
    }

    /** The project's own key lists must stay the facts in the team's reference copy, where that is present. */
    @Test
    void bundledKeyListsMatchTheReferenceCopy() throws Exception {
        Path reference = Path.of("..", "shared", "reference", "gitlab-runner");
        Assumptions.assumeTrue(Files.isDirectory(reference), "no ../shared/reference beside the project: nothing to compare");
        assertEquals(keysOf(reference.resolve("chart-0.86.0-template-keys.txt")), RunnerKeys.chartValuePaths());
        Map<String, String> toml = Files.readAllLines(reference.resolve("runner-18.9.0-config-toml-keys.tsv")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t", 2))
                .collect(Collectors.toMap(f -> f[0], f -> f[1]));
        assertEquals(toml, RunnerKeys.tomlKeys());
    }

    private static Set<String> keysOf(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).collect(Collectors.toSet());
    }
}
