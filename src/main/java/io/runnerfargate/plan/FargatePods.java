package io.runnerfargate.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.runnerfargate.cost.FargateSize;
import io.runnerfargate.cost.PodRequests;
import java.util.ArrayList;
import java.util.List;

/**
 * The Fargate size each kind of pod will be billed as, read from what the plan deploys: the
 * manager's Helm resources and the job containers' requests in the runner's config.toml.
 */
public final class FargatePods {
    private FargatePods() {}

    public record Pod(String pod, PodRequests requests, FargateSize billed) {}

    public static List<Pod> of(List<PlannedResource> resources) {
        List<Pod> pods = new ArrayList<>();
        for (PlannedResource r : resources) {
            if (!r.type().equals(PlanFootprint.HELM_RELEASE)) {
                continue;
            }
            add(pods, "runner manager", PlanFootprint.managerRequests(r));
            JsonNode k8s = PlanFootprint.executorConfig(r.input("values", "runners", "config"));
            PodRequests job = PlanFootprint.containerRequests(k8s, "").plus(PlanFootprint.containerRequests(k8s, "helper_"));
            add(pods, "job pod (build + helper)", job);
            add(pods, "job pod with one service", job.plus(PlanFootprint.containerRequests(k8s, "service_")));
        }
        return pods;
    }

    private static void add(List<Pod> pods, String name, PodRequests requests) {
        pods.add(new Pod(name, requests, requests.billedSize()));
    }
}
