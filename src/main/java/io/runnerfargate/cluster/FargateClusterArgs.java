package io.runnerfargate.cluster;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param prefix               the stack's name prefix for every child
 * @param clusterName          the EKS cluster's name, as admins type it
 * @param privateSubnetIds     where the control plane's ENIs and every Fargate pod go
 * @param fargateNamespaces    namespaces besides kube-system whose pods run on Fargate, one profile each
 * @param logRetentionDays     how long CloudWatch keeps the control-plane and pod logs
 * @param controlPlaneLogTypes the control-plane logs sent to CloudWatch
 * @param accountId            the AWS account, for trust conditions
 * @param kmsKeyArn            the key for envelope encryption of secrets and for the log groups, if any
 * @param protect              Pulumi protect on the cluster
 */
public record FargateClusterArgs(
        String prefix,
        String clusterName,
        String kubernetesVersion,
        String region,
        Output<List<String>> privateSubnetIds,
        boolean endpointPublicAccess,
        List<String> publicAccessCidrs,
        List<String> adminPrincipalArns,
        List<String> fargateNamespaces,
        int logRetentionDays,
        List<String> controlPlaneLogTypes,
        Output<String> accountId,
        Optional<Output<String>> kmsKeyArn,
        boolean protect,
        Map<String, String> tags) {

    public FargateClusterArgs {
        publicAccessCidrs = List.copyOf(publicAccessCidrs);
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        fargateNamespaces = List.copyOf(fargateNamespaces);
        tags = Map.copyOf(tags);
        controlPlaneLogTypes = List.copyOf(controlPlaneLogTypes);
    }
}
