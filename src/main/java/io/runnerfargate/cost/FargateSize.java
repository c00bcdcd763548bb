package io.runnerfargate.cost;

import java.math.BigDecimal;

/** One vCPU/memory combination a Fargate pod runs (and is billed) as. Memory in GB as AWS writes it. */
public record FargateSize(BigDecimal vcpu, BigDecimal memoryGb) {

    public FargateSize {
        vcpu = vcpu.stripTrailingZeros();
        memoryGb = memoryGb.stripTrailingZeros();
    }

    public static FargateSize of(String vcpu, String memoryGb) {
        return new FargateSize(new BigDecimal(vcpu), new BigDecimal(memoryGb));
    }

    @Override
    public String toString() {
        return vcpu.toPlainString() + " vCPU / " + memoryGb.toPlainString() + " GB";
    }
}
