package io.runnerfargate.cost;

/** What a cost line pays for; the NAT mode comparison lines up stacks by these. */
public enum CostCategory {
    CONTROL_PLANE("EKS control plane"),
    NAT_HOURS("NAT gateway hours"),
    PUBLIC_IPV4("Public IPv4 addresses"),
    NAT_DATA("NAT data processing"),
    FARGATE_ALWAYS_ON("Fargate, always-on pods"),
    FARGATE_JOBS("Fargate, CI job pods"),
    LOGS("CloudWatch Logs ingestion"),
    SECRETS("Secrets Manager"),
    KEYS("KMS keys"),
    FREE("Free");

    private final String label;

    CostCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
