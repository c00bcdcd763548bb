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
    private static final String TOML = RunnerConfigToml.render(RunnerConfigToml.template("gitlab-runner-jobs"));
    private static final Map<String, Object> VALUES = RunnerValues.build(
            new RunnerValues.Inputs("https://gitlab.example.com/", 12, "gitlab-runner-token", TOML));

    @Test
    void configTomlIsTheTablesFormAndParsesBack() throws Exception {
        assertEquals("""
                [[runners]]
                  [runners.kubernetes]
                    namespace = 'gitlab-runner-jobs'
                    image = 'alpine:3'
                """, TOML);
        JsonNode parsed = new TomlMapper().readTree(TOML);
        assertEquals("gitlab-runner-jobs", parsed.at("/runners/0/kubernetes/namespace").asText());
        assertEquals(1, parsed.get("runners").size());
    }

    @Test
    void everyTomlKeyIsOneTheRunnerReads() {
        List<String> paths = RunnerConfigToml.keyPaths(RunnerConfigToml.template("jobs"));
        assertEquals(List.of("runners[].kubernetes.namespace", "runners[].kubernetes.image"), paths);
        paths.forEach(p -> assertTrue(RunnerKeys.runnerReads(p), p));
        assertFalse(RunnerKeys.runnerReads("runners[].kubernetes.namepsace"));
        assertFalse(RunnerKeys.runnerReads("runners[].privileged"));
        // Free-form keys under a map-typed key are read as given.
        assertTrue(RunnerKeys.runnerReads("runners[].kubernetes.node_selector.kubernetes.io/arch"));
    }

    @Test
    void valuesAreExactlyWhatTheChartNeedsAndNothingItIgnores() {
        assertEquals(List.of("gitlabUrl", "concurrent", "rbac.create", "rbac.rules", "serviceAccount.create",
                "serviceAccount.name", "runners.secret", "runners.config"), RunnerValues.leafPaths(VALUES));
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
