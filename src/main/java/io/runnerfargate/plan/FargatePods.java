package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.runnerfargate.cost.FargateSize;
import io.runnerfargate.cost.KubeQuantity;
import io.runnerfargate.cost.PodRequests;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The Fargate size each kind of pod will be billed as, read from what the plan deploys: the
 * manager's Helm resources and the job containers' requests in the runner's config.toml.
 */
public final class FargatePods {
    private static final TomlMapper TOML = new TomlMapper();

    private FargatePods() {}

    public record Pod(String pod, PodRequests requests, FargateSize billed) {}

    public static List<Pod> of(List<PlannedResource> resources) {
        List<Pod> pods = new ArrayList<>();
        for (PlannedResource r : resources) {
            if (!r.type().equals("kubernetes:helm.sh/v3:Release")) {
                continue;
            }
            Object cpu = r.input("values", "resources", "requests", "cpu");
            Object memory = r.input("values", "resources", "requests", "memory");
            add(pods, "runner manager", requests(text(cpu), text(memory)));
            JsonNode k8s = kubernetes(r.input("values", "runners", "config"));
            PodRequests job = requests(k8s.path("cpu_request").asText(null), k8s.path("memory_request").asText(null))
                    .plus(requests(k8s.path("helper_cpu_request").asText(null), k8s.path("helper_memory_request").asText(null)));
            add(pods, "job pod (build + helper)", job);
            add(pods, "job pod with one service", job.plus(
                    requests(k8s.path("service_cpu_request").asText(null), k8s.path("service_memory_request").asText(null))));
        }
        return pods;
    }

    private static void add(List<Pod> pods, String name, PodRequests requests) {
        pods.add(new Pod(name, requests, requests.billedSize()));
    }

    private static JsonNode kubernetes(Object configToml) {
        try {
            return TOML.readTree(String.valueOf(configToml)).path("runners").path(0).path("kubernetes");
        } catch (JsonProcessingException e) {
            return TOML.createObjectNode();
        }
    }

    private static PodRequests requests(String cpu, String memory) {
        return new PodRequests(cpu == null ? BigDecimal.ZERO : KubeQuantity.vcpu(cpu),
                memory == null ? BigDecimal.ZERO : KubeQuantity.memoryGb(memory));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
