package io.runnerfargate.runner;

import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.Role;
import com.pulumi.kubernetes.rbac.v1.RoleArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The official gitlab-runner chart with the kubernetes executor: its namespaces, the token
 * Secret the chart reads, RBAC in the job namespace, and the Helm release.
 */
public final class GitLabRunnerRelease extends ComponentResource {
    public static final String TYPE = "runner:gitlab:GitLabRunnerRelease";
    public static final String CHART = "gitlab-runner";
    public static final String CHART_REPOSITORY = "https://charts.gitlab.io";
    public static final String RELEASE_NAME = "gitlab-runner";
    public static final String TOKEN_SECRET = "gitlab-runner-token";

    private final Release release;
    private final List<Resource> runAfter;

    /** {@code options} carries the Kubernetes provider and what must exist first (Fargate profiles, CoreDNS). */
    public GitLabRunnerRelease(String name, GitLabRunnerReleaseArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String p = args.prefix();
        this.runAfter = args.runAfter();

        List<Resource> namespaces = new ArrayList<>();
        namespaces.add(namespace(p, args.runnerNamespace()));
        if (!args.jobNamespace().equals(args.runnerNamespace())) {
            var jobNs = namespace(p, args.jobNamespace());
            namespaces.add(jobNs);
            jobRbac(p, args, jobNs);
        }

        // The chart mounts both keys by name: a Secret without runner-registration-token keeps the pod from starting.
        var secret = new Secret(p + "-runner-token", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(TOKEN_SECRET).namespace(args.runnerNamespace()).build())
                .type("Opaque")
                .stringData(args.runnerToken().applyValue(token -> Map.of(
                        "runner-token", token,
                        "runner-registration-token", "")).asSecret())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(namespaces).build());

        Map<String, Object> values = RunnerValues.build(new RunnerValues.Inputs(
                args.gitlabUrl(), args.concurrent(), TOKEN_SECRET,
                RunnerConfigToml.render(RunnerConfigToml.template(args.jobNamespace()))));
        this.release = new Release(p + "-gitlab-runner", ReleaseArgs.builder()
                .name(RELEASE_NAME)
                .chart(CHART)
                .version(args.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(args.runnerNamespace())
                .createNamespace(false)
                .values(values)
                // A Fargate pod takes 30 to 90 s to be scheduled, plus an image pull with an empty cache.
                .timeout(900)
                .atomic(false)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(concat(runAfter, secret)).build());
        registerOutputs(Map.of("releaseName", release.name()));
    }

    private Namespace namespace(String p, String namespace) {
        return new Namespace(p + "-ns-" + namespace, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(namespace).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(runAfter).build());
    }

    /** The chart's own Role covers only its release namespace; job pods in another need their own. */
    private void jobRbac(String p, GitLabRunnerReleaseArgs args, Resource jobNamespace) {
        var role = new Role(p + "-job-role", RoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gitlab-runner-jobs").namespace(args.jobNamespace()).build())
                .rules(RunnerRbac.RULES.stream().map(r -> PolicyRuleArgs.builder()
                        .apiGroups("")
                        .resources(r.resources())
                        .verbs(r.verbs())
                        .build()).toList())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(jobNamespace).build());
        new RoleBinding(p + "-job-role-binding", RoleBindingArgs.builder()
                .metadata(ObjectMetaArgs.builder().name("gitlab-runner-jobs").namespace(args.jobNamespace()).build())
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("Role").name("gitlab-runner-jobs").build())
                .subjects(SubjectArgs.builder().kind("ServiceAccount").name(RunnerValues.SERVICE_ACCOUNT)
                        .namespace(args.runnerNamespace()).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(role).build());
    }

    private static List<Resource> concat(List<Resource> first, Resource last) {
        List<Resource> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }

    public Release release() {
        return release;
    }
}
