package io.runnerfargate.network;

import java.util.Map;

/**
 * @param prefix            the stack's name prefix for every child
 * @param plan              where the subnets and NAT gateways go
 * @param clusterName       the EKS cluster that uses the subnets (for the cluster tag)
 * @param tags              tags for every resource that takes tags
 * @param region            the AWS region, which names the S3 endpoint's service
 * @param s3GatewayEndpoint whether the private route tables get an S3 gateway endpoint
 */
public record RunnerNetworkArgs(String prefix, SubnetPlan plan, String clusterName, Map<String, String> tags,
                                String region, boolean s3GatewayEndpoint) {
    public RunnerNetworkArgs {
        tags = Map.copyOf(tags);
    }

    /** Without an S3 endpoint, as before the setting existed. */
    public RunnerNetworkArgs(String prefix, SubnetPlan plan, String clusterName, Map<String, String> tags) {
        this(prefix, plan, clusterName, tags, null, false);
    }
}
