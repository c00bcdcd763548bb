package io.runnerfargate.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Prices by region. Every figure comes from the AWS price pages as collected in
 * reference/aws-facts.md (late 2026); the usage type or page is named beside it so a price change
 * can be checked line by line. A region missing here is estimated with {@link #FALLBACK_REGION}'s
 * prices, and the estimate says so.
 */
public final class PriceTable {
    private PriceTable() {}

    public static final String FALLBACK_REGION = "us-west-2";

    public static final Prices US_WEST_2 = new Prices(
            new BigDecimal("0.045"),    // NAT gateway hour: USW2-NatGateway-Hours (AWS VPC pricing)
            new BigDecimal("0.045"),    // NAT gateway GB processed: USW2-NatGateway-Bytes (AWS VPC pricing)
            new BigDecimal("0.005"),    // public IPv4 address hour, the NAT's EIP included: USW2-PublicIPv4:InUseAddress (since 2024-02-01)
            new BigDecimal("0.10"),     // EKS cluster hour, standard support: USW2-AmazonEKS-Hours:perCluster
            new BigDecimal("0.60"),     // EKS cluster hour, extended support: AWS containers blog, EKS extended support pricing
            new BigDecimal("0.04048"),  // Fargate Linux/x86 vCPU-hour: AWS Fargate pricing
            new BigDecimal("0.004445"), // Fargate Linux/x86 GB-hour: AWS Fargate pricing
            new BigDecimal("0.000111"), // Fargate ephemeral storage above 20 GB, GB-hour: USW2-Fargate-EphemeralStorage-GB-Hours
            new BigDecimal("0.50"),     // CloudWatch Logs ingestion, GB: CloudWatch pricing
            new BigDecimal("0.40"),     // Secrets Manager, secret-month: Secrets Manager pricing
            new BigDecimal("1.00"));    // KMS customer-managed key, key-month (before rotated versions): AWS KMS pricing

    /** us-east-1 lists the same price for every line above (aws-facts.md). */
    private static final Map<String, Prices> BY_REGION = Map.of(
            "us-west-2", US_WEST_2,
            "us-east-1", US_WEST_2);

    public static Optional<Prices> forRegion(String region) {
        return Optional.ofNullable(BY_REGION.get(region));
    }

    public static Set<String> regions() {
        return BY_REGION.keySet();
    }
}
