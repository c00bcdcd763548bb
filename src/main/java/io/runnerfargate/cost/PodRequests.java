package io.runnerfargate.cost;

import java.math.BigDecimal;

/**
 * The summed CPU and memory requests of a pod's long-running containers, which is what Fargate
 * sizes a pod by. Zero means "not requested".
 */
public record PodRequests(BigDecimal vcpu, BigDecimal memoryGb) {
    public static final PodRequests NONE = new PodRequests(BigDecimal.ZERO, BigDecimal.ZERO);

    public PodRequests {
        if (vcpu.signum() < 0 || memoryGb.signum() < 0) {
            throw new IllegalArgumentException("requests cannot be negative: " + vcpu + " vCPU, " + memoryGb + " GB");
        }
        vcpu = vcpu.stripTrailingZeros();
        memoryGb = memoryGb.stripTrailingZeros();
    }

    public static PodRequests of(String vcpu, String memoryGb) {
        return new PodRequests(new BigDecimal(vcpu), new BigDecimal(memoryGb));
    }

    public PodRequests plus(PodRequests other) {
        return new PodRequests(vcpu.add(other.vcpu), memoryGb.add(other.memoryGb));
    }

    public boolean isNone() {
        return vcpu.signum() == 0 && memoryGb.signum() == 0;
    }

    public FargateSize billedSize() {
        return FargateSizing.billedSize(vcpu, memoryGb);
    }

    @Override
    public String toString() {
        return isNone() ? "no requests" : show(vcpu) + " vCPU / " + show(memoryGb) + " GB";
    }

    /** Three decimals are enough to read; 70Mi would otherwise show as 0.068359375 GB. */
    private static String show(BigDecimal n) {
        return n.setScale(Math.min(n.scale(), 3), java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
