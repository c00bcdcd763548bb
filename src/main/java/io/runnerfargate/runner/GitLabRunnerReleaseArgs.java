package io.runnerfargate.runner;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import java.util.List;

/**
 * @param prefix          the stack's name prefix for every child
 * @param runnerToken     the runner authentication token; must be a secret Output
 * @param runAfter        what must exist before any pod: the Fargate profiles and CoreDNS. A
 *                        component's dependsOn does not reach its children, so each child that
 *                        starts pods names these itself; on destroy they then go last.
 */
public record GitLabRunnerReleaseArgs(
        String prefix,
        String runnerNamespace,
        String jobNamespace,
        String gitlabUrl,
        Output<String> runnerToken,
        int concurrent,
        String chartVersion,
        List<Resource> runAfter) {
    public GitLabRunnerReleaseArgs {
        runAfter = List.copyOf(runAfter);
    }
}
