package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.runnerfargate.cost.Footprint;
import io.runnerfargate.cost.KubeQuantity;
import io.runnerfargate.cost.PodRequests;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what AWS bills out of the planned resources, so the estimate follows what the program
 * registers rather than what the settings suggest.
 */
public final class PlanFootprint {
    private PlanFootprint() {}

    static final String CLUSTER = "aws:eks/cluster:Cluster";
    static final String NAT_GATEWAY = "aws:ec2/natGateway:NatGateway";
    static final String EIP = "aws:ec2/eip:Eip";
    static final String ADDON = "aws:eks/addon:Addon";
    static final String VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    static final String KMS_KEY = "aws:kms/key:Key";
    static final String HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

    /**
     * The CoreDNS add-on's own deployment: 2 replicas, each requesting 100m CPU and 70Mi memory
     * (the add-on's default manifest). On Fargate each replica is a pod of its own.
     */
    static final int COREDNS_REPLICAS = 2;
    static final PodRequests COREDNS_REQUESTS = new PodRequests(KubeQuantity.vcpu("100m"), KubeQuantity.memoryGb("70Mi"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TomlMapper TOML = new TomlMapper();

    public static Footprint of(List<PlannedResource> resources) {
        List<Footprint.ControlPlane> clusters = new ArrayList<>();
        List<String> nats = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        List<Footprint.AlwaysOnPods> pods = new ArrayList<>();
        Optional<PodRequests> jobPod = Optional.empty();
        List<String> s3Endpoints = new ArrayList<>();
        List<String> kmsKeys = new ArrayList<>();
        for (PlannedResource r : resources) {
            switch (r.type()) {
                case CLUSTER -> clusters.add(new Footprint.ControlPlane(r.name(), String.valueOf(r.input("version"))));
                case NAT_GATEWAY -> nats.add(r.name());
                case EIP -> ips.add(r.name());
                case ADDON -> {
                    if ("coredns".equals(r.input("addonName"))) {
                        pods.add(coreDns(r));
                    }
                }
                case HELM_RELEASE -> {
                    pods.add(runnerManager(r));
                    jobPod = jobPod.or(() -> jobPodRequests(r.input("values", "runners", "config")));
                }
                case VPC_ENDPOINT -> {
                    if ("Gateway".equals(r.input("vpcEndpointType")) && String.valueOf(r.input("serviceName")).endsWith(".s3")) {
                        s3Endpoints.add(r.name());
                    }
                }
                case KMS_KEY -> kmsKeys.add(r.name());
                default -> { }
            }
        }
        return new Footprint(clusters, nats, ips, pods, jobPod, s3Endpoints, kmsKeys);
    }

    private static Footprint.AlwaysOnPods coreDns(PlannedResource addon) {
        int replicas = COREDNS_REPLICAS;
        PodRequests requests = COREDNS_REQUESTS;
        String source = "the CoreDNS add-on's defaults";
        JsonNode values = json(addon.input("configurationValues"));
        if (values.path("replicaCount").canConvertToInt()) {
            replicas = values.path("replicaCount").asInt();
        }
        JsonNode req = values.path("resources").path("requests");
        if (req.isObject()) {
            requests = requests(req.path("cpu").asText(null), req.path("memory").asText(null));
            source = "the add-on's configurationValues";
        }
        return new Footprint.AlwaysOnPods("CoreDNS (" + addon.name() + "), around the clock", replicas, requests, source);
    }

    private static Footprint.AlwaysOnPods runnerManager(PlannedResource release) {
        int replicas = release.input("values", "replicas") instanceof Number n ? n.intValue() : 1;
        boolean set = release.input("values", "resources", "requests", "cpu") != null
                || release.input("values", "resources", "requests", "memory") != null;
        return new Footprint.AlwaysOnPods("GitLab Runner manager (" + release.name() + "), around the clock", replicas,
                managerRequests(release), set ? "the Helm values' resources.requests" : "the Helm values set no resources");
    }

    /** The runner manager pod's requests from the Helm values; none when they set no resources. */
    static PodRequests managerRequests(PlannedResource release) {
        return requests(text(release.input("values", "resources", "requests", "cpu")),
                text(release.input("values", "resources", "requests", "memory")));
    }

    /**
     * Build plus helper container requests from the kubernetes executor's config.toml; empty when
     * it requests nothing (services are left out: their count depends on each job).
     */
    static Optional<PodRequests> jobPodRequests(Object configToml) {
        JsonNode kubernetes = executorConfig(configToml);
        if (!kubernetes.has("cpu_request") && !kubernetes.has("memory_request")
                && !kubernetes.has("helper_cpu_request") && !kubernetes.has("helper_memory_request")) {
            return Optional.empty();
        }
        return Optional.of(containerRequests(kubernetes, "").plus(containerRequests(kubernetes, "helper_")));
    }

    /** The {@code [runners.kubernetes]} table of the runner's config.toml; empty when there is none. */
    static JsonNode executorConfig(Object configToml) {
        if (!(configToml instanceof String toml) || toml.isBlank()) {
            return TOML.createObjectNode();
        }
        try {
            return TOML.readTree(toml).path("runners").path(0).path("kubernetes");
        } catch (JsonProcessingException e) {
            return TOML.createObjectNode();
        }
    }

    /** One container's requests: {@code prefix} is "" for the build container, "helper_" or "service_". */
    static PodRequests containerRequests(JsonNode kubernetes, String prefix) {
        return requests(kubernetes.path(prefix + "cpu_request").asText(null), kubernetes.path(prefix + "memory_request").asText(null));
    }

    private static PodRequests requests(String cpu, String memory) {
        return new PodRequests(cpu == null ? BigDecimal.ZERO : KubeQuantity.vcpu(cpu),
                memory == null ? BigDecimal.ZERO : KubeQuantity.memoryGb(memory));
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static JsonNode json(Object text) {
        if (!(text instanceof String s) || s.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
