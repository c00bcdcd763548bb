package io.runnerfargate.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizingTest {

    @ParameterizedTest(name = "{0} vCPU / {1} GB requested -> {2} vCPU / {3} GB billed")
    @CsvSource({
            "0,     0,      0.25, 0.5",
            "0.1,   0.2,    0.25, 0.5",
            "0.25,  0.25,   0.25, 0.5",
            "0.25,  0.5,    0.25, 1",
            "0.25,  1.75,   0.25, 2",
            "0.25,  1.8,    0.5,  3",
            "0.5,   3.75,   0.5,  4",
            "0.5,   3.8,    1,    5",
            "1,     2,      1,    3",
            "1,     8,      2,    9",
            "1.25,  2.25,   2,    4",
            "2,     15.75,  2,    16",
            "4,     8,      4,    9",
            "4,     30,     8,    32",
            "8,     59.75,  8,    60",
            "8,     60,     16,   64",
            "16,    119.75, 16,   120"})
    void billedSizeAddsTheSystemMemoryAndRoundsUp(String cpu, String memory, String billedCpu, String billedMemory) {
        assertEquals(FargateSize.of(billedCpu, billedMemory), FargateSizing.billedSize(new BigDecimal(cpu), new BigDecimal(memory)));
    }

    @Test
    void noRequestsIsTheSmallestPod() {
        assertEquals(FargateSize.of("0.25", "0.5"), FargateSizing.billedSize(null, null));
        assertEquals("0.25 vCPU / 0.5 GB", PodRequests.NONE.billedSize().toString());
    }

    @Test
    void theAllowedTableHasEveryCombination() {
        // 3 + 4 + 7 + 13 + 23 + 12 + 12
        assertEquals(74, FargateSizing.ALLOWED.size());
        assertEquals(FargateSize.of("0.25", "0.5"), FargateSizing.ALLOWED.get(0));
        assertEquals(FargateSize.of("16", "120"), FargateSizing.ALLOWED.get(FargateSizing.ALLOWED.size() - 1));
    }

    @Test
    void sixteenVcpuAndAHundredTwentyGbCannotFitOnceFargateAddsItsMemory() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FargateSizing.billedSize(new BigDecimal("16"), new BigDecimal("120")));
        assertEquals("a pod requesting 16 vCPU / 120 GB needs 16 vCPU / 120.25 GB with Fargate's 256 MB for its own "
                + "components; the largest Fargate pod is 16 vCPU / 120 GB", e.getMessage());
    }

    @Test
    void largerPodsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FargateSizing.billedSize(new BigDecimal("16"), new BigDecimal("128")));
        var e = assertThrows(IllegalArgumentException.class, () -> FargateSizing.billedSize(new BigDecimal("20"), BigDecimal.ONE));
        assertEquals("a pod requesting 20 vCPU / 1 GB needs 20 vCPU / 1.25 GB with Fargate's 256 MB for its own "
                + "components; the largest Fargate pod is 16 vCPU / 120 GB", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FargateSizing.billedSize(new BigDecimal("-1"), BigDecimal.ONE));
    }

    @Test
    void kubernetesQuantitiesReadAsVcpuAndGib() {
        assertEquals(new BigDecimal("0.25"), KubeQuantity.vcpu("250m"));
        assertEquals(new BigDecimal("2"), KubeQuantity.vcpu("2"));
        assertEquals(new BigDecimal("0.5"), KubeQuantity.memoryGb("512Mi"));
        assertEquals(new BigDecimal("2"), KubeQuantity.memoryGb("2Gi"));
        assertEquals(new BigDecimal("0.068359375"), KubeQuantity.memoryGb("70Mi"));
        assertThrows(IllegalArgumentException.class, () -> KubeQuantity.memoryGb("2GB"));
        assertThrows(IllegalArgumentException.class, () -> KubeQuantity.vcpu("1Gi"));
    }
}
