package io.runnerfargate.cost;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * On-demand prices in USD for one region: what the estimate multiplies. Hourly prices are per
 * hour, the rest per the unit in the name. {@link PriceTable} holds the values and their sources.
 */
public record Prices(
        BigDecimal natGatewayHour,
        BigDecimal natGatewayGb,
        BigDecimal publicIpv4Hour,
        BigDecimal eksStandardHour,
        BigDecimal eksExtendedHour,
        BigDecimal fargateVcpuHour,
        BigDecimal fargateGbHour,
        BigDecimal fargateEphemeralGbHourAbove20,
        BigDecimal logsIngestionGb,
        BigDecimal secretMonth,
        BigDecimal kmsKeyMonth) {

    /** AWS bills a month as 730 hours (365 × 24 / 12) on its price pages. */
    public static final BigDecimal HOURS_PER_MONTH = new BigDecimal("730");

    public Prices {
        Objects.requireNonNull(natGatewayHour);
        Objects.requireNonNull(natGatewayGb);
        Objects.requireNonNull(publicIpv4Hour);
        Objects.requireNonNull(eksStandardHour);
        Objects.requireNonNull(eksExtendedHour);
        Objects.requireNonNull(fargateVcpuHour);
        Objects.requireNonNull(fargateGbHour);
        Objects.requireNonNull(fargateEphemeralGbHourAbove20);
        Objects.requireNonNull(logsIngestionGb);
        Objects.requireNonNull(secretMonth);
        Objects.requireNonNull(kmsKeyMonth);
    }

    /** What one Fargate pod of {@code size} costs per hour. */
    public BigDecimal fargateHour(FargateSize size) {
        return size.vcpu().multiply(fargateVcpuHour).add(size.memoryGb().multiply(fargateGbHour));
    }
}
