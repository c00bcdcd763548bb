package io.runnerfargate.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.runnerfargate.config.SettingsError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's TOML fragment for the runner's {@code [[runners]]} section, checked key by key against
 * what the runner reads and against what Fargate can run, before anything is deployed. The runner
 * itself only warns on an unknown key; Fargate rejects the pod at job time.
 */
public final class ExtraRunnerConfig {
    public static final String KEY = "extraRunnerConfig";
    /** The one capability a Fargate pod may add (EKS user guide, "Fargate pod considerations"). */
    static final List<String> FARGATE_CAPABILITIES = List.of("SYS_PTRACE");
    private static final TomlMapper TOML = new TomlMapper();

    /** Keys the program sets from its own settings; the fragment may not set them a second way. */
    static final Map<String, String> MANAGED = managed();

    private ExtraRunnerConfig() {}

    public record Parsed(Map<String, Object> runner, List<SettingsError> errors) {}

    private static Map<String, String> managed() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("runners[].kubernetes.poll_timeout", "pollTimeoutSeconds");
        m.put("runners[].kubernetes.helper_image", "the program (the official x86_64 helper image)");
        for (String container : List.of("", "helper_", "service_")) {
            String setting = switch (container) {
                case "helper_" -> "helper";
                case "service_" -> "service";
                default -> "build";
            };
            for (String resource : List.of("cpu", "memory", "ephemeral_storage")) {
                String settingKey = setting + switch (resource) {
                    case "cpu" -> "Cpu";
                    case "memory" -> "Memory";
                    default -> "EphemeralStorage";
                };
                m.put("runners[].kubernetes." + container + resource + "_request", settingKey);
                m.put("runners[].kubernetes." + container + resource + "_limit", settingKey);
            }
        }
        m.put("runners[].cache", "cacheBucket");
        m.put("runners[].url", "gitlabUrl");
        m.put("runners[].token", "runnerToken");
        m.put("runners[].executor", "the chart (kubernetes)");
        return m;
    }

    /**
     * @param fargateNamespaces the namespaces a Fargate profile selects: pods anywhere else stay Pending
     */
    @SuppressWarnings("unchecked")
    public static Parsed parse(String toml, Set<String> fargateNamespaces) {
        List<SettingsError> errors = new ArrayList<>();
        Map<String, Object> root;
        try {
            root = TOML.readValue(toml, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (JsonProcessingException e) {
            errors.add(new SettingsError(KEY, "is not valid TOML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
            return new Parsed(Map.of(), errors);
        }
        Object runners = root.remove("runners");
        if (!root.isEmpty() || runners == null) {
            errors.add(new SettingsError(KEY, "sets " + (root.isEmpty() ? "nothing" : root.keySet())
                    + " outside the runner's section; write its tables under runners, e.g. [runners.kubernetes]"));
            return new Parsed(Map.of(), errors);
        }
        Map<String, Object> runner;
        if (runners instanceof Map<?, ?> table) {
            runner = (Map<String, Object>) table;
        } else if (runners instanceof List<?> list && list.size() == 1 && list.get(0) instanceof Map<?, ?> only) {
            runner = (Map<String, Object>) only;
        } else {
            errors.add(new SettingsError(KEY, "has " + (runners instanceof List<?> l ? l.size() : 0)
                    + " [[runners]] tables; the fragment is merged into the one runner this stack deploys"));
            return new Parsed(Map.of(), errors);
        }

        for (String path : RunnerConfigToml.keyPaths(Map.of("runners", List.of(runner)))) {
            String managedBy = managedBy(path);
            if (managedBy != null) {
                errors.add(new SettingsError(KEY, toToml(path) + " is set by " + (managedBy.contains(" ") ? managedBy
                        : "the setting " + managedBy) + "; remove it from the fragment"));
            } else if (!RunnerKeys.runnerReads(path.replaceAll("\\[\\d+]", "[]"))) {
                errors.add(new SettingsError(KEY, toToml(path) + " is not a key gitlab-runner 18.9 reads; check its spelling"
                        + " against the runner's config.toml reference"));
            }
        }
        checkFargate(runner, fargateNamespaces, errors);
        return new Parsed(runner, errors);
    }

    private static String managedBy(String path) {
        for (var e : MANAGED.entrySet()) {
            if (path.equals(e.getKey()) || path.startsWith(e.getKey() + ".")) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The failures Fargate gives at job time, turned into settings errors (aws-facts: what Fargate does not run). */
    @SuppressWarnings("unchecked")
    private static void checkFargate(Map<String, Object> runner, Set<String> fargateNamespaces, List<SettingsError> errors) {
        if (!(runner.get("kubernetes") instanceof Map<?, ?> k8s)) {
            return;
        }
        Map<String, Object> kubernetes = (Map<String, Object>) k8s;
        if (Boolean.TRUE.equals(kubernetes.get("privileged"))) {
            errors.add(new SettingsError(KEY, "[runners.kubernetes] privileged = true: Fargate cannot run privileged containers;"
                    + " build images without Docker-in-Docker (kaniko, buildah, or a remote builder)"));
        }
        for (String context : List.of("build_container_security_context", "helper_container_security_context",
                "service_container_security_context", "init_permissions_container_security_context")) {
            if (!(kubernetes.get(context) instanceof Map<?, ?> securityContext)) {
                continue;
            }
            if (Boolean.TRUE.equals(securityContext.get("privileged"))) {
                errors.add(new SettingsError(KEY, "[runners.kubernetes." + context + "] privileged = true: Fargate cannot run"
                        + " privileged containers"));
            }
            if (securityContext.get("capabilities") instanceof Map<?, ?> capabilities
                    && capabilities.get("add") instanceof List<?> added) {
                var refused = added.stream().map(String::valueOf).filter(c -> !FARGATE_CAPABILITIES.contains(c)).toList();
                if (!refused.isEmpty()) {
                    errors.add(new SettingsError(KEY, "[runners.kubernetes." + context + ".capabilities] add = " + refused
                            + ": Fargate adds no Linux capability but " + FARGATE_CAPABILITIES));
                }
            }
        }
        if (kubernetes.get("services") instanceof List<?> services) {
            for (Object service : services) {
                if (service instanceof Map<?, ?> s && String.valueOf(s.get("name")).matches("(.*/)?docker:.*dind.*")) {
                    errors.add(new SettingsError(KEY, "[[runners.kubernetes.services]] name = \"" + s.get("name")
                            + "\": Docker-in-Docker needs a privileged container, which Fargate cannot run"));
                }
            }
        }
        if (kubernetes.get("volumes") instanceof Map<?, ?> volumes && volumes.get("host_path") != null) {
            errors.add(new SettingsError(KEY, "[[runners.kubernetes.volumes.host_path]]: Fargate has no hostPath volumes"
                    + " (no /var/run/docker.sock, no node disks); use an emptyDir or the S3 cache"));
        }
        Object namespace = kubernetes.get("namespace");
        if (namespace != null && !fargateNamespaces.contains(namespace.toString())) {
            errors.add(new SettingsError(KEY, "[runners.kubernetes] namespace = \"" + namespace + "\": no Fargate profile selects it,"
                    + " so job pods would stay Pending until poll_timeout; set jobNamespace instead"));
        }
        if (Boolean.TRUE.equals(kubernetes.get("namespace_per_job"))) {
            errors.add(new SettingsError(KEY, "[runners.kubernetes] namespace_per_job = true: each job's own namespace has no"
                    + " Fargate profile, so its pod would stay Pending until poll_timeout"));
        }
        if (kubernetes.get("namespace_overwrite_allowed") != null) {
            errors.add(new SettingsError(KEY, "[runners.kubernetes] namespace_overwrite_allowed: jobs could choose a namespace"
                    + " no Fargate profile selects, and their pods would stay Pending; use jobNamespace"));
        }
        if (kubernetes.get("node_selector") instanceof Map<?, ?> selector
                && "arm64".equals(String.valueOf(selector.get("kubernetes.io/arch")))) {
            errors.add(new SettingsError(KEY, "[runners.kubernetes.node_selector] kubernetes.io/arch = \"arm64\": EKS Fargate runs x86_64 only"));
        }
    }

    /** {@code runners[].kubernetes.privileged} as a user writes it: {@code [runners.kubernetes] privileged}. */
    private static String toToml(String path) {
        String p = path.replaceFirst("^runners\\[]\\.", "").replaceAll("\\[\\d*]", "");
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : "[runners." + p.substring(0, dot) + "] " + p.substring(dot + 1);
    }

    /** The template with the fragment's keys added (it may not set the template's own keys). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> mergeInto(Map<String, Object> template, Map<String, Object> fragment) {
        Map<String, Object> merged = new LinkedHashMap<>(template);
        fragment.forEach((key, value) -> {
            if (merged.get(key) instanceof Map<?, ?> mine && value instanceof Map<?, ?> theirs) {
                merged.put(key, mergeInto((Map<String, Object>) mine, (Map<String, Object>) theirs));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }
}
