package io.runnerfargate.runner;

import io.runnerfargate.cost.PodRequests;
import java.math.BigDecimal;

/**
 * The containers of a job pod and of the runner manager. Fargate sizes a pod from the sum of its
 * containers' requests, so every container gets explicit requests, equal to its limits; a job
 * pod is the build and helper containers plus one container per CI service.
 */
public record JobSizing(ContainerSize build, ContainerSize helper, ContainerSize service, ContainerSize manager) {

    /** A Fargate pod has at most 175 GiB of ephemeral storage (EKS "Fargate pod configuration"). */
    public static final BigDecimal MAX_EPHEMERAL_GB = new BigDecimal("175");

    public static final JobSizing DEFAULT = new JobSizing(
            // A Maven or Node build: with the helper this is billed as 2 vCPU / 4 GB, the same with one service.
            new ContainerSize("1500m", "3Gi", "10Gi"),
            new ContainerSize("250m", "256Mi", "1Gi"),
            new ContainerSize("250m", "512Mi", "1Gi"),
            // The manager only polls GitLab and watches pods: the smallest Fargate size.
            new ContainerSize("250m", "256Mi", null));

    public PodRequests jobPod(int services) {
        PodRequests pod = build.requests().plus(helper.requests());
        for (int i = 0; i < services; i++) {
            pod = pod.plus(service.requests());
        }
        return pod;
    }

    public BigDecimal jobPodEphemeralGb(int services) {
        BigDecimal total = build.ephemeralGb().add(helper.ephemeralGb());
        for (int i = 0; i < services; i++) {
            total = total.add(service.ephemeralGb());
        }
        return total;
    }
}
