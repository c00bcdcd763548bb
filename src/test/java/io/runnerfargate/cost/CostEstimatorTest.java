package io.runnerfargate.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostEstimatorTest {
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final BigDecimal H = new BigDecimal("730");

    private static Footprint cluster(String version) {
        return new Footprint(List.of(new Footprint.ControlPlane("eks", version)), List.of(), List.of(), List.of(),
                Optional.empty(), List.of(), List.of());
    }

    private static Usage noUsage() {
        return new Usage(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Usage.DEFAULT_JOB_POD, List.of());
    }

    @Test
    void thePriceTableHoldsTheReferencePrices() {
        Prices p = PriceTable.US_WEST_2;
        assertEquals(new BigDecimal("0.045"), p.natGatewayHour());
        assertEquals(new BigDecimal("0.045"), p.natGatewayGb());
        assertEquals(new BigDecimal("0.005"), p.publicIpv4Hour());
        assertEquals(new BigDecimal("0.10"), p.eksStandardHour());
        assertEquals(new BigDecimal("0.60"), p.eksExtendedHour());
        assertEquals(new BigDecimal("0.04048"), p.fargateVcpuHour());
        assertEquals(new BigDecimal("0.004445"), p.fargateGbHour());
        assertEquals(new BigDecimal("0.000111"), p.fargateEphemeralGbHourAbove20());
        assertEquals(new BigDecimal("0.50"), p.logsIngestionGb());
        assertEquals(new BigDecimal("0.40"), p.secretMonth());
        assertEquals(Optional.of(p), PriceTable.forRegion("us-east-1"));
    }

    @Test
    void extendedSupportMultipliesTheControlPlaneBySix() {
        BigDecimal standard = CostEstimator.estimate(cluster("1.35"), noUsage(), "us-west-2", DAY).total();
        MonthlyCost extended = CostEstimator.estimate(cluster("1.33"), noUsage(), "us-west-2", DAY);
        assertEquals(0, new BigDecimal("0.10").multiply(H).compareTo(standard));
        assertEquals(0, new BigDecimal("0.60").multiply(H).compareTo(extended.total()));
        assertEquals(0, standard.multiply(new BigDecimal("6")).compareTo(extended.total()));
        assertEquals("730 h × $0.60/h (Kubernetes 1.33 is in extended support on 2026-12-03: 6x the standard rate)",
                extended.items().get(0).basis());
    }

    @Test
    void extendedSupportFollowsTheDay() {
        BigDecimal before = CostEstimator.estimate(cluster("1.34"), noUsage(), "us-west-2", LocalDate.of(2026, 12, 1)).total();
        BigDecimal from = CostEstimator.estimate(cluster("1.34"), noUsage(), "us-west-2", LocalDate.of(2026, 12, 2)).total();
        assertEquals(new BigDecimal("73.00"), MonthlyCost.cents(before));
        assertEquals(new BigDecimal("438.00"), MonthlyCost.cents(from));
    }

    @Test
    void anUnknownRegionUsesUsWest2PricesAndSaysSo() {
        MonthlyCost cost = CostEstimator.estimate(cluster("1.35"), noUsage(), "eu-central-1", DAY);
        assertEquals("us-west-2", cost.pricesRegion());
        assertEquals(new BigDecimal("73.00"), cost.totalCents());
        assertEquals(List.of("The price table has no prices for eu-central-1; the estimate uses us-west-2's prices, "
                + "which can differ from eu-central-1's."), cost.notes());
    }

    @Test
    void jobPodsUseTheRequestsTheFootprintShowsOverTheAssumedSize() {
        var f = new Footprint(List.of(), List.of("nat"), List.of(), List.of(), Optional.of(PodRequests.of("4", "8")), List.of(), List.of());
        var u = new Usage(BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO, Usage.DEFAULT_JOB_POD, List.of());
        MonthlyCost cost = CostEstimator.estimate(f, u, "us-west-2", DAY);
        // 4 vCPU / 8.25 GB -> 4 vCPU / 9 GB; 10 h × (4 × 0.04048 + 9 × 0.004445)
        BigDecimal expected = BigDecimal.TEN.multiply(new BigDecimal("4").multiply(new BigDecimal("0.04048"))
                .add(new BigDecimal("9").multiply(new BigDecimal("0.004445"))));
        assertEquals(0, expected.compareTo(cost.sum(CostCategory.FARGATE_JOBS)));
        assertTrue(cost.notes().isEmpty());
    }

    @Test
    void theDefaultJobPodIsBilledAsTwoVcpuFourGb() {
        assertEquals(PodRequests.of("1.25", "2.25"), Usage.DEFAULT_JOB_POD);
        assertEquals(FargateSize.of("2", "4"), Usage.DEFAULT_JOB_POD.billedSize());
    }
}
