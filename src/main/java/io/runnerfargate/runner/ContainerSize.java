package io.runnerfargate.runner;

import io.runnerfargate.cost.KubeQuantity;
import io.runnerfargate.cost.PodRequests;

/** Requests (equal to limits) for one container, as Kubernetes quantities; ephemeral storage may be null. */
public record ContainerSize(String cpu, String memory, String ephemeralStorage) {

    public PodRequests requests() {
        return new PodRequests(KubeQuantity.vcpu(cpu), KubeQuantity.memoryGb(memory));
    }

    /** Ephemeral storage in GiB (zero when not set). */
    public java.math.BigDecimal ephemeralGb() {
        return ephemeralStorage == null ? java.math.BigDecimal.ZERO : KubeQuantity.memoryGb(ephemeralStorage);
    }
}
