package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.config.NatMode;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.cost.CostCategory;
import io.runnerfargate.cost.CostEstimator;
import io.runnerfargate.cost.CostLine;
import io.runnerfargate.cost.MonthlyCost;
import io.runnerfargate.cost.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cost estimate of the real program's plan, on the mock runtime. */
class PlanCostTest {
    /** Kubernetes 1.35 is in standard support on this day. */
    private static final LocalDate DAY = LocalDate.of(2026, 12, 3);
    private static final BigDecimal H = new BigDecimal("730");

    static StackSettings settings(String stack, Map<String, String> overrides) throws IOException {
        StackFiles files = StackFiles.load(Path.of("."), stack);
        Map<String, String> config = new HashMap<>(files.config());
        overrides.forEach((k, v) -> config.put(files.project() + ":" + k, v));
        return StackSettings.parse(files.project(), files.stack(), config, files.secretKeys());
    }

    static MonthlyCost cost(PlanResult plan, StackSettings s) {
        assertTrue(plan.ok(), () -> String.join("\n", plan.errors()));
        return CostEstimator.estimate(PlanFootprint.of(plan.resources()), Usage.from(s), s.region(), DAY);
    }

    private static BigDecimal bd(String v) {
        return new BigDecimal(v);
    }

    @Test
    void nonprodTotalMatchesTheFigureByHand() throws IOException {
        StackSettings s = settings("nonprod", Map.of());
        MonthlyCost cost = cost(OfflinePlan.run(s, DAY), s);

        BigDecimal eks = bd("0.10").multiply(H);                                    // one cluster, standard support
        BigDecimal nat = bd("0.045").multiply(H);                                   // one NAT gateway
        BigDecimal ip = bd("0.005").multiply(H);                                    // its Elastic IP
        BigDecimal natData = bd("100").multiply(bd("0.045"));                       // natDataGbPerMonth default
        BigDecimal smallPod = bd("0.25").multiply(bd("0.04048")).add(bd("0.5").multiply(bd("0.004445"))); // 0.25 vCPU / 0.5 GB per hour
        BigDecimal coreDns = bd("2").multiply(H).multiply(smallPod);               // 2 replicas, 100m / 70Mi -> 0.25 / 0.5
        BigDecimal manager = H.multiply(smallPod);                                  // 250m / 256Mi -> 0.25 / 0.5
        BigDecimal jobs = bd("40").multiply(bd("2").multiply(bd("0.04048")).add(bd("4").multiply(bd("0.004445")))); // 1.75/3.25 -> 2/4
        BigDecimal logs = bd("1").multiply(bd("0.50"));
        BigDecimal secret = bd("0.40");                                             // runnerTokenSecretName
        BigDecimal key = bd("1.00");                                                // the stack's KMS key
        BigDecimal byHand = eks.add(nat).add(ip).add(natData).add(coreDns).add(manager).add(jobs).add(logs).add(secret).add(key);

        assertEquals(0, bd("146.879675").compareTo(byHand));
        assertEquals(0, byHand.compareTo(cost.total()));
        assertEquals(bd("146.88"), cost.totalCents());
        assertEquals(List.of("nonprod-eks", "nonprod-nat-a", "nonprod-nat-eip-a", "NAT data processing (natDataGbPerMonth)",
                        "CoreDNS (nonprod-coredns), around the clock", "GitLab Runner manager (nonprod-gitlab-runner), around the clock",
                        "CI job pods (jobHoursPerMonth)", "CloudWatch Logs ingestion (logGbPerMonth)",
                        "Secrets Manager secret GitLabRunnerToken", "nonprod-key", "nonprod-s3-endpoint"),
                cost.items().stream().map(CostLine::resource).toList());
        assertEquals("730 h × $0.045/h", cost.items().get(1).basis());
    }

    @Test
    void thePlanCarriesTheEstimateInTextAndJson() throws IOException {
        StackSettings s = settings("nonprod", Map.of());
        PlanResult plan = OfflinePlan.run(s, DAY);
        assertTrue(plan.cost().isPresent());
        assertTrue(PlanReport.text(plan).contains("Estimated monthly cost (us-west-2 on-demand prices"));
        String json = PlanReport.json(plan);
        assertTrue(json.contains("\"monthlyCost\" : {\n    \"total\" : "), json);
        assertTrue(json.contains("\"resource\" : \"nonprod-nat-a\",\n      \"usd\" : 32.85,\n      \"basis\" : \"730 h × $0.045/h\""), json);
    }

    @Test
    void perAzWithTwoZonesCostsOneMoreNatAndOneMoreAddress() throws IOException {
        StackSettings single = settings("nonprod", Map.of());
        StackSettings perAz = settings("nonprod", Map.of("natGateway", "perAz",
                "publicSubnetCidrs", "[\"10.0.3.0/24\", \"10.0.4.0/24\"]"));
        MonthlyCost a = cost(OfflinePlan.run(single, DAY), single);
        MonthlyCost b = cost(OfflinePlan.run(perAz, DAY), perAz);

        assertEquals(1, a.ofCategory(CostCategory.NAT_HOURS).size());
        assertEquals(2, b.ofCategory(CostCategory.NAT_HOURS).size());
        assertEquals(1, a.ofCategory(CostCategory.PUBLIC_IPV4).size());
        assertEquals(2, b.ofCategory(CostCategory.PUBLIC_IPV4).size());
        BigDecimal oneNatAndIp = bd("0.045").multiply(H).add(bd("0.005").multiply(H));
        assertEquals(0, a.total().add(oneNatAndIp).compareTo(b.total()));
        assertEquals(List.of("nonprod-nat-a", "nonprod-nat-b"),
                b.ofCategory(CostCategory.NAT_HOURS).stream().map(CostLine::resource).toList());
    }

    @Test
    void parkedHasNoNatNoAddressAndSaysJobsCannotRun() throws IOException {
        StackSettings parked = settings("nonprod", Map.of("natGateway", "none"));
        PlanResult plan = OfflinePlan.run(parked, DAY);
        MonthlyCost cost = cost(plan, parked);
        assertTrue(cost.ofCategory(CostCategory.NAT_HOURS).isEmpty());
        assertTrue(cost.ofCategory(CostCategory.PUBLIC_IPV4).isEmpty());
        assertTrue(cost.ofCategory(CostCategory.NAT_DATA).isEmpty());
        assertTrue(cost.ofCategory(CostCategory.FARGATE_JOBS).isEmpty());
        assertTrue(plan.ofType("aws:ec2/natGateway:NatGateway").isEmpty());
        assertTrue(plan.ofType("aws:ec2/eip:Eip").isEmpty());
        assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("warning: natGateway is none (parked)")
                && n.contains("job pods cannot pull images") && n.contains("cannot reach GitLab")), plan.notes()::toString);
        assertTrue(PlanReport.text(plan).contains("natGateway is none (parked)"));
    }

    @Test
    void theS3EndpointIsOnEveryPrivateRouteTable() throws IOException {
        StackSettings prod = settings("prod", Map.of());
        PlanResult plan = OfflinePlan.run(prod, DAY);
        List<PlannedResource> endpoints = plan.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
        assertEquals(1, endpoints.size());
        PlannedResource endpoint = endpoints.get(0);
        assertEquals("prod-s3-endpoint", endpoint.name());
        assertEquals("prod-network", endpoint.parent());
        assertEquals("com.amazonaws.us-west-2.s3", endpoint.input("serviceName"));
        assertEquals("Gateway", endpoint.input("vpcEndpointType"));
        assertEquals("prod-vpc-id", endpoint.input("vpcId"));
        assertEquals(List.of("prod-private-rt-a-id", "prod-private-rt-b-id"), endpoint.input("routeTableIds"));
        List<String> privateTables = plan.ofType("aws:ec2/routeTable:RouteTable").stream()
                .map(PlannedResource::name).filter(n -> n.contains("-private-rt-")).map(PlanMocks::idOf).toList();
        assertEquals(privateTables, endpoint.input("routeTableIds"));
    }

    @Test
    void theS3EndpointCanBeTurnedOff() throws IOException {
        StackSettings s = settings("nonprod", Map.of("s3GatewayEndpoint", "false"));
        PlanResult plan = OfflinePlan.run(s, DAY);
        assertTrue(plan.ofType("aws:ec2/vpcEndpoint:VpcEndpoint").isEmpty());
        assertFalse(cost(plan, s).items().stream().anyMatch(i -> i.category() == CostCategory.FREE));
    }

    @Test
    void theComparisonPlansEachModeAndDerivesMissingPublicSubnets() throws IOException {
        var comparison = NatModeComparison.of(StackFiles.load(Path.of("."), "nonprod"));
        assertEquals(NatMode.SINGLE, comparison.current());
        assertTrue(comparison.columns().stream().allMatch(NatModeComparison.Column::ok));
        MonthlyCost single = comparison.column(NatMode.SINGLE).plan().cost().orElseThrow();
        MonthlyCost perAz = comparison.column(NatMode.PER_AZ).plan().cost().orElseThrow();
        MonthlyCost none = comparison.column(NatMode.NONE).plan().cost().orElseThrow();
        assertEquals(bd("32.85"), MonthlyCost.cents(single.sum(CostCategory.NAT_HOURS)));
        assertEquals(bd("65.70"), MonthlyCost.cents(perAz.sum(CostCategory.NAT_HOURS)));
        assertEquals(bd("0.00"), MonthlyCost.cents(none.sum(CostCategory.NAT_HOURS)));
        assertEquals(List.of("one public subnet per AZ is needed; the stack has 1, so this column adds [10.0.4.0/24] (free blocks "
                        + "of the VPC, not in the stack file). To switch: natGateway: perAz and publicSubnetCidrs: [10.0.3.0/24, 10.0.4.0/24]."),
                comparison.column(NatMode.PER_AZ).notes());
        String text = comparison.text();
        assertTrue(text.contains("single*"), text);
        assertTrue(text.contains("none: none (no NAT gateway, no public IPv4 address)"), text);
    }
}
