package io.runnerfargate.runner;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import io.runnerfargate.config.CacheBucket;
import io.runnerfargate.config.RegistrationOptions;
import java.util.List;
import java.util.Map;

/**
 * @param prefix            the stack's name prefix for every child
 * @param runnerToken       the runner token; must be a secret Output
 * @param extraRunnerConfig the user's validated [[runners]] fragment
 * @param valuesSecret      the fragment is a secret, so the Helm values that carry it are too
 * @param oidcProviderArn   the cluster's IAM OIDC provider, which the cache role trusts
 * @param oidcIssuer        its issuer URL
 * @param runAfter          what must exist before any pod: the Fargate profiles, CoreDNS and the
 *                          logging ConfigMap. A component's dependsOn does not reach its children,
 *                          so each child that starts pods names these itself; on destroy they then go last.
 */
public record GitLabRunnerReleaseArgs(
        String prefix,
        String region,
        String runnerNamespace,
        String jobNamespace,
        String gitlabUrl,
        Output<String> runnerToken,
        int concurrent,
        String chartVersion,
        JobSizing sizing,
        int pollTimeoutSeconds,
        CacheBucket cacheBucket,
        Map<String, Object> extraRunnerConfig,
        boolean valuesSecret,
        RegistrationOptions registration,
        Output<String> accountId,
        Output<String> oidcProviderArn,
        Output<String> oidcIssuer,
        Map<String, String> tags,
        List<Resource> runAfter) {

    public GitLabRunnerReleaseArgs {
        extraRunnerConfig = Map.copyOf(extraRunnerConfig);
        tags = Map.copyOf(tags);
        runAfter = List.copyOf(runAfter);
    }
}
