package io.runnerfargate.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The size EKS on Fargate runs and bills a pod at: it adds 256 MB to the memory request for its
 * own components (kubelet, kube-proxy, containerd) and rounds up to the next allowed vCPU/memory
 * combination (EKS "Fargate pod configuration"). A pod with no requests runs at 0.25 vCPU / 0.5 GB.
 */
public final class FargateSizing {
    private FargateSizing() {}

    public static final BigDecimal SYSTEM_OVERHEAD_GB = new BigDecimal("0.25");
    public static final FargateSize LARGEST = FargateSize.of("16", "120");

    /**
     * Every allowed combination, smallest vCPU first and smallest memory first within it:
     * 0.25: 0.5, 1, 2 · 0.5: 1–4 · 1: 2–8 · 2: 4–16 · 4: 8–30 (1 GB steps) · 8: 16–60 in 4 GB
     * steps · 16: 32–120 in 8 GB steps.
     */
    public static final List<FargateSize> ALLOWED = allowed();

    /**
     * The billed size for a pod's summed requests. Zero or null means not requested.
     *
     * @throws IllegalArgumentException when a request is negative or no Fargate pod is that large
     */
    public static FargateSize billedSize(BigDecimal vcpuRequest, BigDecimal memoryRequestGb) {
        BigDecimal cpu = vcpuRequest == null ? BigDecimal.ZERO : vcpuRequest;
        BigDecimal memory = memoryRequestGb == null ? BigDecimal.ZERO : memoryRequestGb;
        if (cpu.signum() < 0 || memory.signum() < 0) {
            throw new IllegalArgumentException("a pod cannot request " + cpu.toPlainString() + " vCPU / "
                    + memory.toPlainString() + " GB; requests are zero or more");
        }
        BigDecimal needed = memory.add(SYSTEM_OVERHEAD_GB);
        for (FargateSize size : ALLOWED) {
            if (size.vcpu().compareTo(cpu) >= 0 && size.memoryGb().compareTo(needed) >= 0) {
                return size;
            }
        }
        throw new IllegalArgumentException("a pod requesting " + cpu.toPlainString() + " vCPU / " + memory.toPlainString()
                + " GB needs " + cpu.toPlainString() + " vCPU / " + needed.toPlainString()
                + " GB with Fargate's 256 MB for its own components; the largest Fargate pod is " + LARGEST);
    }

    private static List<FargateSize> allowed() {
        List<FargateSize> out = new ArrayList<>();
        out.add(FargateSize.of("0.25", "0.5"));
        out.add(FargateSize.of("0.25", "1"));
        out.add(FargateSize.of("0.25", "2"));
        range(out, "0.5", 1, 4, 1);
        range(out, "1", 2, 8, 1);
        range(out, "2", 4, 16, 1);
        range(out, "4", 8, 30, 1);
        range(out, "8", 16, 60, 4);
        range(out, "16", 32, 120, 8);
        return List.copyOf(out);
    }

    private static void range(List<FargateSize> out, String vcpu, int fromGb, int toGb, int stepGb) {
        for (int gb = fromGb; gb <= toGb; gb += stepGb) {
            out.add(new FargateSize(new BigDecimal(vcpu), BigDecimal.valueOf(gb)));
        }
    }
}
