package io.runnerfargate.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities as written in requests ("250m", "1", "512Mi", "2Gi", "1G"),
 * read into vCPU and GB. Fargate's "GB" are binary (GiB), so memory is divided by 2^30.
 */
public final class KubeQuantity {
    private KubeQuantity() {}

    private static final Pattern SHAPE = Pattern.compile("(\\d+(?:\\.\\d+)?)([a-zA-Z]*)");
    private static final BigDecimal GIB = BigDecimal.valueOf(1L << 30);
    private static final Map<String, BigDecimal> MEMORY_SUFFIX = Map.of(
            "", BigDecimal.ONE,
            "Ki", BigDecimal.valueOf(1L << 10),
            "Mi", BigDecimal.valueOf(1L << 20),
            "Gi", BigDecimal.valueOf(1L << 30),
            "Ti", BigDecimal.valueOf(1L << 40),
            "k", new BigDecimal("1E3"),
            "M", new BigDecimal("1E6"),
            "G", new BigDecimal("1E9"),
            "T", new BigDecimal("1E12"));

    /** CPU in vCPU: "250m" is 0.25, "2" is 2. */
    public static BigDecimal vcpu(String quantity) {
        Matcher m = match(quantity, "CPU");
        BigDecimal n = new BigDecimal(m.group(1));
        return switch (m.group(2)) {
            case "" -> plain(n);
            case "m" -> plain(n.movePointLeft(3));
            default -> throw new IllegalArgumentException("\"" + quantity + "\" is not a CPU quantity such as 250m or 1");
        };
    }

    /** Memory in GB (GiB): "512Mi" is 0.5. Powers of two divide exactly, so no rounding happens. */
    public static BigDecimal memoryGb(String quantity) {
        Matcher m = match(quantity, "memory");
        BigDecimal factor = MEMORY_SUFFIX.get(m.group(2));
        if (factor == null) {
            throw new IllegalArgumentException("\"" + quantity + "\" is not a memory quantity such as 512Mi or 2Gi");
        }
        return plain(new BigDecimal(m.group(1)).multiply(factor).divide(GIB));
    }

    /** Without trailing zeros, and without an exponent: 100 stays 100, not 1E+2. */
    private static BigDecimal plain(BigDecimal n) {
        BigDecimal s = n.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static Matcher match(String quantity, String what) {
        Matcher m = SHAPE.matcher(quantity == null ? "" : quantity.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + quantity + "\" is not a Kubernetes " + what + " quantity");
        }
        return m;
    }
}
