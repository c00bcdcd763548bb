package io.runnerfargate;

import com.pulumi.Context;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.secretsmanager.SecretsmanagerFunctions;
import com.pulumi.aws.secretsmanager.inputs.GetSecretVersionArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import io.runnerfargate.cluster.FargateCluster;
import io.runnerfargate.cluster.FargateClusterArgs;
import io.runnerfargate.cluster.Kubeconfig;
import io.runnerfargate.config.RunnerTokenSource;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.network.Ipv4Cidr;
import io.runnerfargate.network.RunnerNetwork;
import io.runnerfargate.network.RunnerNetworkArgs;
import io.runnerfargate.network.SubnetPlan;
import io.runnerfargate.runner.GitLabRunnerRelease;
import io.runnerfargate.runner.GitLabRunnerReleaseArgs;
import io.runnerfargate.security.StackKey;
import java.util.List;
import java.util.Optional;

/** Wires the three components from validated settings and exports what users need. */
public final class RunnerStack {
    private RunnerStack() {}

    public static void define(Context ctx, StackSettings s) {
        String prefix = s.stack();
        var tags = s.resourceTags();

        SubnetPlan plan = SubnetPlan.of(s.vpcCidr(), s.privateSubnetCidrs(), s.publicSubnetCidrs(),
                availabilityZones(s), s.region(), s.natGateway());
        Output<String> accountId = AwsFunctions.getCallerIdentity().applyValue(GetCallerIdentityResult::accountId);
        var security = s.security();
        Optional<Output<String>> keyArn = security.secretsEncryption()
                ? Optional.of(new StackKey(prefix + "-encryption", prefix, s.region(), s.clusterName(), accountId, tags,
                        ComponentResourceOptions.Empty).keyArn())
                : Optional.empty();

        var network = new RunnerNetwork(prefix + "-network", new RunnerNetworkArgs(prefix, plan, s.clusterName(), tags,
                s.region(), s.s3GatewayEndpoint(), security.flowLogs(), s.logRetentionDays(), accountId, keyArn,
                security.protectResources()), ComponentResourceOptions.Empty);

        var cluster = new FargateCluster(prefix + "-cluster", new FargateClusterArgs(
                prefix, s.clusterName(), s.kubernetesVersion(), s.region(), network.privateSubnetIds(),
                s.endpointPublicAccess(), s.publicAccessCidrs().stream().map(Ipv4Cidr::toString).toList(),
                s.adminPrincipalArns(), s.runnerNamespaces(), s.logRetentionDays(), security.controlPlaneLogTypes(),
                accountId, keyArn, security.protectResources(), tags), ComponentResourceOptions.Empty);

        new GitLabRunnerRelease(prefix + "-runner", new GitLabRunnerReleaseArgs(
                prefix, s.region(), s.runnerNamespace(), s.jobNamespace(), s.gitlabUrl(), runnerToken(s),
                s.concurrent(), s.chartVersion(), s.sizing(), s.pollTimeoutSeconds(), s.cacheBucket(),
                s.extraRunnerConfig(), s.extraRunnerConfigSecret(), s.registration(), cluster.accountId(), cluster.oidcProviderArn(),
                cluster.oidcIssuer(), tags, cluster.readyForWorkloads()),
                ComponentResourceOptions.builder().providers(cluster.kubernetesProvider()).build());

        ctx.export("vpcId", network.vpcId());
        ctx.export("privateSubnetIds", network.privateSubnetIds());
        ctx.export("publicSubnetIds", network.publicSubnetIds());
        ctx.export("natPublicIps", network.natPublicIps());
        ctx.export("clusterName", cluster.clusterName());
        ctx.export("clusterEndpoint", cluster.endpoint());
        ctx.export("kubeconfig", cluster.kubeconfig());
        ctx.export("kubeconfigCommand", Output.of(Kubeconfig.updateCommand(s.clusterName(), s.region())));
        ctx.export("runnerNamespace", Output.of(s.runnerNamespace()));
        ctx.export("jobNamespace", Output.of(s.jobNamespace()));
    }

    /**
     * The zones named in the stack, or the region's first available ones. Resource names are keyed
     * by zone, so the zones must be known before registration: the plain invoke is awaited here.
     */
    static List<String> availabilityZones(StackSettings s) {
        if (!s.availabilityZones().isEmpty()) {
            return s.availabilityZones();
        }
        var zones = AwsFunctions.getAvailabilityZonesPlain(GetAvailabilityZonesPlainArgs.builder()
                .state("available").build()).join().names();
        int needed = s.privateSubnetCidrs().size();
        if (zones.size() < needed) {
            throw new IllegalStateException("region " + s.region() + " has " + zones.size() + " available zones "
                    + zones + "; privateSubnetCidrs needs " + needed);
        }
        return zones.subList(0, needed);
    }

    /** Secret from end to end: the chart reads it from a Kubernetes Secret, never from values. */
    static Output<String> runnerToken(StackSettings s) {
        if (s.runnerToken() instanceof RunnerTokenSource.StackSecret inline) {
            return Output.ofSecret(inline.token().reveal());
        }
        var fromSecretsManager = (RunnerTokenSource.SecretsManager) s.runnerToken();
        return SecretsmanagerFunctions.getSecretVersion(GetSecretVersionArgs.builder()
                        .secretId(fromSecretsManager.secretName()).build())
                // A token stored with a trailing newline breaks every request the runner makes.
                .applyValue(v -> v.secretString().strip())
                .asSecret();
    }
}
