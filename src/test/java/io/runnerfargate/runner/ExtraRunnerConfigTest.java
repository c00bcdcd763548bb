package io.runnerfargate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.TestStacks;
import io.runnerfargate.config.InvalidSettingsException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The known Fargate failures, as settings errors before anything is deployed. */
class ExtraRunnerConfigTest {

    private static List<String> errors(String toml) {
        return ExtraRunnerConfig.parse(toml, Set.of("gitlab-runner")).errors().stream().map(Object::toString).toList();
    }

    @Test
    void privilegedIsRejectedBecauseFargateCannotRunIt() {
        assertEquals(List.of("extraRunnerConfig: [runners.kubernetes] privileged = true: Fargate cannot run privileged containers;"
                + " build images without Docker-in-Docker (kaniko, buildah, or a remote builder)"),
                errors("[runners.kubernetes]\nprivileged = true\n"));
    }

    @Test
    void privilegedSecurityContextsAndAddedCapabilitiesAreRejected() {
        assertEquals(List.of(
                "extraRunnerConfig: [runners.kubernetes.build_container_security_context] privileged = true: Fargate cannot run privileged containers",
                "extraRunnerConfig: [runners.kubernetes.helper_container_security_context.capabilities] add = [NET_ADMIN]:"
                        + " Fargate adds no Linux capability but [SYS_PTRACE]"),
                errors("""
                        [runners.kubernetes.build_container_security_context]
                        privileged = true
                        [runners.kubernetes.helper_container_security_context.capabilities]
                        add = ["SYS_PTRACE", "NET_ADMIN"]
                        """));
    }

    @Test
    void dockerInDockerServiceIsRejected() {
        assertEquals(List.of("extraRunnerConfig: [[runners.kubernetes.services]] name = \"docker:27-dind\": Docker-in-Docker needs a"
                + " privileged container, which Fargate cannot run"),
                errors("[[runners.kubernetes.services]]\nname = \"docker:27-dind\"\nalias = \"docker\"\n"));
    }

    @Test
    void dockerSocketThroughHostPathIsRejected() {
        assertEquals(List.of("extraRunnerConfig: [[runners.kubernetes.volumes.host_path]]: Fargate has no hostPath volumes"
                + " (no /var/run/docker.sock, no node disks); use an emptyDir or the S3 cache"),
                errors("""
                        [[runners.kubernetes.volumes.host_path]]
                        name = "docker"
                        mount_path = "/var/run/docker.sock"
                        host_path = "/var/run/docker.sock"
                        """));
    }

    @Test
    void aNamespaceNoFargateProfileSelectsIsRejected() {
        assertEquals(List.of("extraRunnerConfig: [runners.kubernetes] namespace = \"ci\": no Fargate profile selects it, so job pods"
                + " would stay Pending until poll_timeout; set jobNamespace instead"),
                errors("[runners.kubernetes]\nnamespace = \"ci\"\n"));
        assertEquals(List.of(), errors("[runners.kubernetes]\nnamespace = \"gitlab-runner\"\n"));
    }

    @Test
    void unknownAndManagedKeysAreNamed() {
        assertEquals(List.of(
                "extraRunnerConfig: [runners.kubernetes] image_pull_secret is not a key gitlab-runner 18.9 reads; check its spelling against the runner's config.toml reference",
                "extraRunnerConfig: [runners.kubernetes] cpu_request is set by the setting buildCpu; remove it from the fragment",
                "extraRunnerConfig: [runners.kubernetes] poll_timeout is set by the setting pollTimeoutSeconds; remove it from the fragment"),
                errors("[runners.kubernetes]\nimage_pull_secret = [\"regcred\"]\ncpu_request = \"4\"\npoll_timeout = 100\n"));
        assertEquals(List.of("extraRunnerConfig: sets [kubernetes] outside the runner's section; write its tables under runners, e.g. [runners.kubernetes]"),
                errors("[kubernetes]\nprivileged = false\n"));
        List<String> syntax = errors("[runners.kubernetes\n");
        assertEquals(1, syntax.size());
        assertTrue(syntax.get(0).startsWith("extraRunnerConfig: is not valid TOML: "), syntax.get(0));
    }

    @Test
    void validFragmentIsMergedIntoTheRunnersSection() {
        var settings = TestStacks.settings("nonprod", Map.of("extraRunnerConfig",
                "[runners.kubernetes]\nimage_pull_secrets = [\"regcred\"]\n[runners.kubernetes.node_selector]\n\"kubernetes.io/os\" = \"linux\"\n"));
        var config = RunnerConfigToml.template(new RunnerConfigToml.Inputs("gitlab-runner", 600, JobSizing.DEFAULT,
                java.util.Optional.empty(), settings.extraRunnerConfig()));
        @SuppressWarnings("unchecked")
        var kubernetes = (Map<String, Object>) ((List<Map<String, Object>>) config.get("runners")).get(0).get("kubernetes");
        assertEquals(List.of("regcred"), kubernetes.get("image_pull_secrets"));
        assertEquals(Map.of("kubernetes.io/os", "linux"), kubernetes.get("node_selector"));
        assertEquals("gitlab-runner", kubernetes.get("namespace"));
        assertEquals(600, kubernetes.get("poll_timeout"));
    }

    @Test
    void aSecretFragmentKeepsTheHelmValuesSecretAndAnEncryptedOneIsLeftToPulumiUp() {
        var config = TestStacks.config(Map.of("extraRunnerConfig", "[runners.kubernetes]\nimage_pull_secrets = [\"regcred\"]\n"));
        var secrets = Set.of(TestStacks.PROJECT + ":runnerToken", TestStacks.PROJECT + ":extraRunnerConfig");
        var settings = io.runnerfargate.config.StackSettings.parse(TestStacks.PROJECT, "nonprod", config, secrets);
        var plan = io.runnerfargate.plan.OfflinePlan.run(settings, TestStacks.DAY);
        assertEquals("[secret]", plan.require("nonprod-gitlab-runner").input("values"));

        config.put(TestStacks.PROJECT + ":extraRunnerConfig", io.runnerfargate.config.SecretText.UNREADABLE_STAND_IN);
        var encrypted = io.runnerfargate.config.StackSettings.parse(TestStacks.PROJECT, "nonprod", config, secrets);
        assertEquals(Map.of(), encrypted.extraRunnerConfig());
        assertTrue(encrypted.extraRunnerConfigSecret());
    }

    @Test
    void theErrorStopsTheStackBeforeAnythingIsRegistered() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(InvalidSettingsException.class,
                () -> TestStacks.settings("nonprod", Map.of("extraRunnerConfig", "[runners.kubernetes]\nprivileged = true\n")));
        assertEquals(1, e.errors().size());
        assertEquals("extraRunnerConfig", e.errors().get(0).key());
    }
}
