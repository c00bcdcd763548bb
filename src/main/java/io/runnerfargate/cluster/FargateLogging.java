package io.runnerfargate.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fargate's built-in log router: a ConfigMap named {@code aws-logging} in the namespace
 * {@code aws-observability} (EKS docs, "Fargate logging"). EKS reads only the keys flb_log_cw,
 * filters.conf, output.conf and parsers.conf, only FILTER, OUTPUT and PARSER sections, and at most
 * 5,300 characters in all; anything else and pods log nothing.
 */
public final class FargateLogging {
    public static final String NAMESPACE = "aws-observability";
    public static final Map<String, String> NAMESPACE_LABELS = Map.of("aws-observability", "enabled");
    public static final String CONFIG_MAP = "aws-logging";
    public static final int MAX_CHARACTERS = 5300;
    public static final List<String> ALLOWED_KEYS = List.of("flb_log_cw", "filters.conf", "output.conf", "parsers.conf");
    public static final List<String> ALLOWED_SECTIONS = List.of("FILTER", "OUTPUT", "PARSER");
    /** What the pod execution role needs to ship the logs (same docs page). */
    public static final List<String> LOG_ACTIONS = List.of("logs:CreateLogStream", "logs:CreateLogGroup",
            "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:PutRetentionPolicy");

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[([A-Z_]+)]", Pattern.MULTILINE);

    private FargateLogging() {}

    public static String logGroupName(String clusterName) {
        return "/aws/eks/" + clusterName + "/fargate";
    }

    public static String controlPlaneLogGroupName(String clusterName) {
        return "/aws/eks/" + clusterName + "/cluster";
    }

    /** The ConfigMap's data: every pod's stdout to one log group, with Kubernetes metadata for finding a job's pod. */
    public static Map<String, String> configMapData(String region, String clusterName) {
        Map<String, String> data = new LinkedHashMap<>();
        // The router's own logs would only add cost.
        data.put("flb_log_cw", "false");
        data.put("filters.conf", """
                [FILTER]
                    Name             kubernetes
                    Match            kube.*
                    Merge_Log        On
                    Keep_Log         Off
                    Buffer_Size      0
                    Kube_Meta_Cache_TTL 300s
                """);
        data.put("output.conf", """
                [OUTPUT]
                    Name              cloudwatch_logs
                    Match             kube.*
                    region            %s
                    log_group_name    %s
                    log_stream_prefix fargate-
                    auto_create_group false
                """.formatted(region, logGroupName(clusterName)));
        check(data);
        return data;
    }

    /** Throws when the data breaks one of EKS's limits for this ConfigMap. */
    public static void check(Map<String, String> data) {
        int size = data.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (size > MAX_CHARACTERS) {
            throw new IllegalArgumentException("aws-logging has " + size + " characters; EKS reads at most " + MAX_CHARACTERS);
        }
        for (var e : data.entrySet()) {
            if (!ALLOWED_KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("aws-logging key " + e.getKey() + " is not read by EKS; use " + ALLOWED_KEYS);
            }
            Matcher m = SECTION.matcher(e.getValue());
            while (m.find()) {
                if (!ALLOWED_SECTIONS.contains(m.group(1))) {
                    throw new IllegalArgumentException("aws-logging section [" + m.group(1) + "] is not allowed; only " + ALLOWED_SECTIONS);
                }
            }
        }
    }
}
