package io.runnerfargate.cluster;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * EKS Kubernetes versions this program accepts, and when each moves to extended support (billed
 * at 6x per cluster hour). Source: EKS Kubernetes version lifecycle, late 2026: 1.36 standard
 * until 2027-08, 1.35 until 2027-03, 1.34 extended from 2026-12-02, 1.33 and 1.32 extended.
 * Where AWS gives only a month, the first day after that month is used.
 */
public final class EksVersions {
    private EksVersions() {}

    /** The day this table was last checked: versions already extended then have no start day. */
    private static final LocalDate TABLE_DATE = LocalDate.of(2026, 12, 1);

    private static final Map<String, LocalDate> EXTENDED_FROM = new LinkedHashMap<>();

    static {
        EXTENDED_FROM.put("1.32", TABLE_DATE);
        EXTENDED_FROM.put("1.33", TABLE_DATE);
        EXTENDED_FROM.put("1.34", LocalDate.of(2026, 12, 2));
        EXTENDED_FROM.put("1.35", LocalDate.of(2027, 4, 1));
        EXTENDED_FROM.put("1.36", LocalDate.of(2027, 9, 1));
    }

    public static boolean isKnown(String version) {
        return EXTENDED_FROM.containsKey(version);
    }

    public static String known() {
        return String.join(", ", EXTENDED_FROM.keySet());
    }

    /** True when {@code version} is in extended support on {@code day}. */
    public static boolean inExtendedSupport(String version, LocalDate day) {
        LocalDate from = EXTENDED_FROM.get(version);
        return from != null && !day.isBefore(from);
    }
}
