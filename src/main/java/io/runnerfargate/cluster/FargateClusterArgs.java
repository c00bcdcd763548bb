package io.runnerfargate.cluster;

import com.pulumi.core.Output;
import java.util.List;
import java.util.Map;

/**
 * @param prefix               the stack's name prefix for every child
 * @param clusterName          the EKS cluster's name, as admins type it
 * @param privateSubnetIds     where the control plane's ENIs and every Fargate pod go
 * @param fargateNamespaces    namespaces besides kube-system whose pods run on Fargate, one profile each
 * @param logRetentionDays     how long CloudWatch keeps the control-plane and pod logs
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
        Map<String, String> tags) {

    public FargateClusterArgs {
        publicAccessCidrs = List.copyOf(publicAccessCidrs);
        adminPrincipalArns = List.copyOf(adminPrincipalArns);
        fargateNamespaces = List.copyOf(fargateNamespaces);
        tags = Map.copyOf(tags);
    }
}
