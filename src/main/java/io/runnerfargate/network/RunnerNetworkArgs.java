package io.runnerfargate.network;

import java.util.Map;

/**
 * @param prefix      the stack's name prefix for every child
 * @param plan        where the subnets and NAT gateways go
 * @param clusterName the EKS cluster that uses the subnets (for the cluster tag)
 * @param tags        tags for every resource that takes tags
 */
public record RunnerNetworkArgs(String prefix, SubnetPlan plan, String clusterName, Map<String, String> tags) {
    public RunnerNetworkArgs {
        tags = Map.copyOf(tags);
    }
}
