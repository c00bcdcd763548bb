package io.runnerfargate.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig whose user runs {@code aws eks get-token}: it holds no credential itself, so each
 * use takes a fresh token from the caller's AWS identity, which an EKS access entry must admit.
 */
public final class Kubeconfig {
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private Kubeconfig() {}

    public static String render(String clusterName, String endpoint, String certificateAuthorityData, String region) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("kind", "Config");
        config.put("clusters", List.of(Map.of("name", clusterName,
                "cluster", Map.of("server", endpoint, "certificate-authority-data", certificateAuthorityData))));
        config.put("contexts", List.of(Map.of("name", clusterName,
                "context", Map.of("cluster", clusterName, "user", clusterName))));
        config.put("current-context", clusterName);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("apiVersion", "client.authentication.k8s.io/v1beta1");
        exec.put("command", "aws");
        exec.put("args", List.of("eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"));
        exec.put("interactiveMode", "Never");
        config.put("users", List.of(Map.of("name", clusterName, "user", Map.of("exec", exec))));
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The command an admin runs to add this cluster to their own kubeconfig. */
    public static String updateCommand(String clusterName, String region) {
        return "aws eks update-kubeconfig --region " + region + " --name " + clusterName;
    }
}
