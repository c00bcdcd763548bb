package io.runnerfargate.runner;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2;
import com.pulumi.aws.s3.BucketLifecycleConfigurationV2Args;
import com.pulumi.aws.s3.BucketPublicAccessBlock;
import com.pulumi.aws.s3.BucketPublicAccessBlockArgs;
import com.pulumi.aws.s3.BucketV2;
import com.pulumi.aws.s3.BucketV2Args;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleExpirationArgs;
import com.pulumi.aws.s3.inputs.BucketLifecycleConfigurationV2RuleFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.helm.v3.inputs.RepositoryOptsArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.RoleBinding;
import com.pulumi.kubernetes.rbac.v1.RoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.runnerfargate.cluster.IamPolicies;
import io.runnerfargate.config.CacheBucket;
import io.runnerfargate.config.ResourceTags;
import io.runnerfargate.config.StackSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The official gitlab-runner chart with the kubernetes executor: its namespaces, the token
 * Secret the chart reads, RBAC in the job namespace, the S3 cache with its IAM role, and the Helm
 * release.
 */
public final class GitLabRunnerRelease extends ComponentResource {
    public static final String TYPE = "runner:gitlab:GitLabRunnerRelease";
    public static final String CHART = "gitlab-runner";
    public static final String CHART_REPOSITORY = "https://charts.gitlab.io";
    public static final String RELEASE_NAME = "gitlab-runner";
    public static final String TOKEN_SECRET = "gitlab-runner-token";
    /** Cache objects are rebuilt on a miss; older ones only cost storage. */
    public static final int CACHE_EXPIRATION_DAYS = 30;

    private final Release release;
    private final List<Resource> runAfter;

    /** {@code options} carries the Kubernetes provider. */
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

        var secret = new Secret(p + "-runner-token", SecretArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(TOKEN_SECRET).namespace(args.runnerNamespace()).build())
                .type("Opaque")
                .stringData(args.runnerToken().applyValue(GitLabRunnerRelease::tokenKeys).asSecret())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(namespaces).build());

        Output<Optional<String>> bucket = cacheBucket(p, args);
        Output<Optional<String>> roleArn = cacheRole(p, args, bucket);
        Output<Map<String, Object>> values = Output.tuple(bucket, roleArn).applyValue(t -> RunnerValues.build(
                new RunnerValues.Inputs(args.gitlabUrl(), args.concurrent(), TOKEN_SECRET,
                        RunnerConfigToml.render(RunnerConfigToml.template(new RunnerConfigToml.Inputs(
                                args.jobNamespace(), args.pollTimeoutSeconds(), args.sizing(),
                                t.t1.map(b -> new RunnerConfigToml.S3Cache(b, args.region())), args.extraRunnerConfig()))),
                        args.sizing().manager(), t.t2, args.registration())));

        List<Resource> before = new ArrayList<>(runAfter);
        before.add(secret);
        this.release = new Release(p + "-gitlab-runner", ReleaseArgs.builder()
                .name(RELEASE_NAME)
                .chart(CHART)
                .version(args.chartVersion())
                .repositoryOpts(RepositoryOptsArgs.builder().repo(CHART_REPOSITORY).build())
                .namespace(args.runnerNamespace())
                .createNamespace(false)
                // A secret fragment (credentials in it) keeps the values out of the state and previews in plain text.
                .values(args.valuesSecret() ? values.asSecret() : values)
                // A Fargate pod takes 30 to 90 s to be scheduled, plus an image pull with an empty cache.
                .timeout(900)
                .atomic(false)
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(before).build());
        registerOutputs(Map.of("releaseName", release.name()));
    }

    /**
     * The chart mounts both keys by name, so both exist. A glrt- runner authentication token is the
     * runner token; anything else is a legacy registration token, which the chart registers with.
     */
    private static Map<String, String> tokenKeys(String token) {
        if (token.startsWith(StackSettings.AUTHENTICATION_TOKEN_PREFIX)) {
            return Map.of("runner-token", token, "runner-registration-token", "");
        }
        return Map.of("runner-token", "", "runner-registration-token", token);
    }

    private Output<Optional<String>> cacheBucket(String p, GitLabRunnerReleaseArgs args) {
        CacheBucket cache = args.cacheBucket();
        if (cache instanceof CacheBucket.Existing existing) {
            return Output.of(Optional.of(existing.bucketName()));
        }
        if (!(cache instanceof CacheBucket.Create)) {
            return Output.of(Optional.empty());
        }
        var bucket = new BucketV2(p + "-runner-cache", BucketV2Args.builder()
                .bucket(args.accountId().applyValue(account -> CacheIam.bucketName(p, account, args.region())))
                // Only cache objects live here: destroy must not stop at a non-empty bucket.
                .forceDestroy(true)
                .tags(ResourceTags.of(args.tags(), p + "-runner-cache"))
                .build(), child());
        new BucketPublicAccessBlock(p + "-runner-cache-private", BucketPublicAccessBlockArgs.builder()
                .bucket(bucket.id())
                .blockPublicAcls(true)
                .blockPublicPolicy(true)
                .ignorePublicAcls(true)
                .restrictPublicBuckets(true)
                .build(), child());
        new BucketLifecycleConfigurationV2(p + "-runner-cache-expiry", BucketLifecycleConfigurationV2Args.builder()
                .bucket(bucket.id())
                .rules(BucketLifecycleConfigurationV2RuleArgs.builder()
                        .id("expire-cache")
                        .status("Enabled")
                        .filter(BucketLifecycleConfigurationV2RuleFilterArgs.builder().prefix("").build())
                        .expiration(BucketLifecycleConfigurationV2RuleExpirationArgs.builder().days(CACHE_EXPIRATION_DAYS).build())
                        .build())
                .build(), child());
        return bucket.bucket().applyValue(Optional::of);
    }

    private Output<Optional<String>> cacheRole(String p, GitLabRunnerReleaseArgs args, Output<Optional<String>> bucket) {
        if (args.cacheBucket() instanceof CacheBucket.None) {
            return Output.of(Optional.empty());
        }
        String partition = IamPolicies.partition(args.region());
        var role = new Role(p + "-runner-cache-role", RoleArgs.builder()
                .assumeRolePolicy(Output.tuple(args.oidcProviderArn(), args.oidcIssuer()).applyValue(t ->
                        CacheIam.serviceAccountTrust(t.t1, t.t2, args.runnerNamespace(), RunnerValues.SERVICE_ACCOUNT)))
                .tags(ResourceTags.of(args.tags(), p + "-runner-cache-role"))
                .build(), child());
        new RolePolicy(p + "-runner-cache-access", RolePolicyArgs.builder()
                .role(role.name())
                .policy(bucket.applyValue(b -> CacheIam.bucketPolicy(partition, b.orElseThrow())))
                .build(), child());
        return role.arn().applyValue(Optional::of);
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    private Namespace namespace(String p, String namespace) {
        return new Namespace(p + "-ns-" + namespace, NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(namespace).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(runAfter).build());
    }

    /** The chart's own Role covers only its release namespace; job pods in another need their own. */
    private void jobRbac(String p, GitLabRunnerReleaseArgs args, Resource jobNamespace) {
        var role = new com.pulumi.kubernetes.rbac.v1.Role(p + "-job-role", com.pulumi.kubernetes.rbac.v1.RoleArgs.builder()
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

    public Release release() {
        return release;
    }
}
