package io.runnerfargate.cost;

import io.runnerfargate.cluster.EksVersions;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Prices a {@link Footprint} for one month. Pure: the day decides extended support, so a test
 * can pin it. Lines keep full precision; only display rounds to cents.
 */
public final class CostEstimator {
    private CostEstimator() {}

    private static final BigDecimal HOURS = Prices.HOURS_PER_MONTH;

    public static MonthlyCost estimate(Footprint f, Usage u, String region, LocalDate day) {
        List<String> notes = new ArrayList<>();
        Prices p = PriceTable.forRegion(region).orElse(null);
        String pricesRegion = region;
        if (p == null) {
            p = PriceTable.forRegion(PriceTable.FALLBACK_REGION).orElseThrow();
            pricesRegion = PriceTable.FALLBACK_REGION;
            notes.add("The price table has no prices for " + region + "; the estimate uses " + PriceTable.FALLBACK_REGION
                    + "'s prices, which can differ from " + region + "'s.");
        }
        return new MonthlyCost(pricesRegion, lines(f, u, p, day, notes), notes);
    }

    private static List<CostLine> lines(Footprint f, Usage u, Prices p, LocalDate day, List<String> notes) {
        List<CostLine> out = new ArrayList<>();
        for (var cp : f.controlPlanes()) {
            boolean extended = EksVersions.inExtendedSupport(cp.kubernetesVersion(), day);
            BigDecimal rate = extended ? p.eksExtendedHour() : p.eksStandardHour();
            out.add(new CostLine(CostCategory.CONTROL_PLANE, cp.name(), HOURS.multiply(rate),
                    hours(rate) + (extended
                            ? " (Kubernetes " + cp.kubernetesVersion() + " is in extended support on " + day + ": 6x the standard rate)"
                            : " (Kubernetes " + cp.kubernetesVersion() + ", standard support)")));
            if (extended) {
                notes.add("Kubernetes " + cp.kubernetesVersion() + " is in EKS extended support: the control plane costs "
                        + usd(HOURS.multiply(p.eksExtendedHour())) + " a month instead of " + usd(HOURS.multiply(p.eksStandardHour()))
                        + ". Upgrade one minor version at a time to a version in standard support.");
            }
        }
        for (String nat : f.natGateways()) {
            out.add(new CostLine(CostCategory.NAT_HOURS, nat, HOURS.multiply(p.natGatewayHour()), hours(p.natGatewayHour())));
        }
        for (String ip : f.publicIpv4Addresses()) {
            out.add(new CostLine(CostCategory.PUBLIC_IPV4, ip, HOURS.multiply(p.publicIpv4Hour()),
                    hours(p.publicIpv4Hour()) + " (public IPv4 address)"));
        }
        if (!f.natGateways().isEmpty() && u.natDataGbPerMonth().signum() > 0) {
            out.add(new CostLine(CostCategory.NAT_DATA, "NAT data processing (natDataGbPerMonth)",
                    u.natDataGbPerMonth().multiply(p.natGatewayGb()),
                    u.natDataGbPerMonth().toPlainString() + " GB × " + usd(p.natGatewayGb()) + "/GB"));
        }
        for (var pods : f.alwaysOnPods()) {
            FargateSize size = pods.requests().billedSize();
            BigDecimal each = HOURS.multiply(p.fargateHour(size));
            out.add(new CostLine(CostCategory.FARGATE_ALWAYS_ON, pods.description(),
                    each.multiply(BigDecimal.valueOf(pods.count())),
                    (pods.count() == 1 ? "" : pods.count() + " pods × ") + "730 h × " + fargateRate(size, p)
                            + "; billed size " + size + " for " + pods.requests() + " (" + pods.requestsSource() + ")"));
        }
        if (f.natGateways().isEmpty() && u.jobHoursPerMonth().signum() > 0) {
            notes.add("No NAT gateway (parked): no job can pull its image or reach GitLab, so the estimate has no job pods.");
        } else if (u.jobHoursPerMonth().signum() > 0) {
            PodRequests job = f.jobPodRequests().orElse(u.jobPod());
            String source = f.jobPodRequests().isPresent() ? "the runner's config.toml" : "assumed job pod: build 1 vCPU / 2 GB + helper 0.25 vCPU / 0.25 GB";
            if (f.jobPodRequests().isEmpty() && job.equals(Usage.DEFAULT_JOB_POD)) {
                notes.add("The runner's config.toml sets no CPU or memory requests for job pods, so Fargate would run each job at "
                        + FargateSizing.billedSize(null, null) + "; the estimate assumes a job pod of " + job + " requested ("
                        + job.billedSize() + " billed), the size a typical build needs.");
            }
            FargateSize size = job.billedSize();
            out.add(new CostLine(CostCategory.FARGATE_JOBS, "CI job pods (jobHoursPerMonth)",
                    u.jobHoursPerMonth().multiply(p.fargateHour(size)),
                    u.jobHoursPerMonth().toPlainString() + " pod-hours × " + fargateRate(size, p) + "; billed size " + size
                            + " for " + job + " (" + source + ")"));
        }
        if (u.logGbPerMonth().signum() > 0) {
            out.add(new CostLine(CostCategory.LOGS, "CloudWatch Logs ingestion (logGbPerMonth)",
                    u.logGbPerMonth().multiply(p.logsIngestionGb()),
                    u.logGbPerMonth().toPlainString() + " GB × " + usd(p.logsIngestionGb()) + "/GB ingested"));
        }
        for (String secret : u.secretsManagerSecrets()) {
            out.add(new CostLine(CostCategory.SECRETS, "Secrets Manager secret " + secret, p.secretMonth(),
                    "1 secret × " + usd(p.secretMonth()) + "/month (API calls at deploy time are negligible)"));
        }
        for (String key : f.kmsKeys()) {
            out.add(new CostLine(CostCategory.KEYS, key, p.kmsKeyMonth(),
                    "1 customer-managed key × " + usd(p.kmsKeyMonth()) + "/month (each yearly rotation adds a key version, billed too)"));
        }
        for (String endpoint : f.s3GatewayEndpoints()) {
            out.add(new CostLine(CostCategory.FREE, endpoint, BigDecimal.ZERO,
                    "S3 gateway endpoint: free; S3 and ECR image-layer traffic skips the NAT's per-GB charge"));
        }
        return out;
    }

    private static String hours(BigDecimal rate) {
        return "730 h × " + usd(rate) + "/h";
    }

    private static String fargateRate(FargateSize size, Prices p) {
        return "(" + size.vcpu().toPlainString() + " vCPU × " + usd(p.fargateVcpuHour()) + " + "
                + size.memoryGb().toPlainString() + " GB × " + usd(p.fargateGbHour()) + ")/h";
    }

    static String usd(BigDecimal amount) {
        BigDecimal a = amount.stripTrailingZeros();
        return "$" + (a.scale() < 2 ? a.setScale(2) : a).toPlainString();
    }
}
