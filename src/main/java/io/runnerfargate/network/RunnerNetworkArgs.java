package io.runnerfargate.network;

import com.pulumi.core.Output;
import java.util.Map;
import java.util.Optional;

/**
 * @param prefix            the stack's name prefix for every child
 * @param plan              where the subnets and NAT gateways go
 * @param clusterName       the EKS cluster that uses the subnets (for the cluster tag)
 * @param tags              tags for every resource that takes tags
 * @param region            the AWS region, which names the S3 endpoint's service
 * @param s3GatewayEndpoint whether the private route tables get an S3 gateway endpoint
 * @param flowLogs          whether the VPC's traffic is logged to CloudWatch
 * @param logRetentionDays  how long the flow logs are kept
 * @param accountId         the AWS account, for the flow-log role's trust
 * @param kmsKeyArn         the key that encrypts the flow-log group, if any
 * @param protect           Pulumi protect on the VPC
 */
public record RunnerNetworkArgs(String prefix, SubnetPlan plan, String clusterName, Map<String, String> tags,
                                String region, boolean s3GatewayEndpoint, boolean flowLogs, int logRetentionDays,
                                Output<String> accountId, Optional<Output<String>> kmsKeyArn, boolean protect) {
    public RunnerNetworkArgs {
        tags = Map.copyOf(tags);
    }
}
