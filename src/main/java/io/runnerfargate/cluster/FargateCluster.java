package io.runnerfargate.cluster;

import com.pulumi.aws.eks.AccessEntry;
import com.pulumi.aws.eks.AccessEntryArgs;
import com.pulumi.aws.eks.AccessPolicyAssociation;
import com.pulumi.aws.eks.AccessPolicyAssociationArgs;
import com.pulumi.aws.eks.Addon;
import com.pulumi.aws.eks.AddonArgs;
import com.pulumi.aws.eks.Cluster;
import com.pulumi.aws.eks.ClusterArgs;
import com.pulumi.aws.eks.FargateProfile;
import com.pulumi.aws.eks.FargateProfileArgs;
import com.pulumi.aws.eks.inputs.AccessPolicyAssociationAccessScopeArgs;
import com.pulumi.aws.eks.inputs.ClusterAccessConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigArgs;
import com.pulumi.aws.eks.inputs.ClusterEncryptionConfigProviderArgs;
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.FargateProfileSelectorArgs;
import com.pulumi.aws.eks.outputs.ClusterCertificateAuthority;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.eks.outputs.ClusterIdentity;
import com.pulumi.aws.iam.OpenIdConnectProvider;
import com.pulumi.aws.iam.OpenIdConnectProviderArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import io.runnerfargate.config.ResourceTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An EKS cluster whose every pod runs on Fargate: the cluster and pod execution roles, one Fargate
 * profile per namespace (kube-system first), CoreDNS as an add-on that schedules on Fargate,
 * access entries for the admins, and a Kubernetes provider for what goes inside.
 */
public final class FargateCluster extends ComponentResource {
    public static final String TYPE = "runner:cluster:FargateCluster";
    public static final String KUBE_SYSTEM = "kube-system";
    /** Only this value makes the add-on's pods schedulable on Fargate (EKS docs, "Get started with Fargate": Update CoreDNS). */
    public static final String COREDNS_FARGATE_CONFIGURATION = "{\"computeType\":\"Fargate\"}";
    public static final String CLUSTER_ADMIN_POLICY = "AmazonEKSClusterAdminPolicy";
    /** The audience IRSA tokens carry (EKS docs, "Create an IAM OIDC provider for your cluster"). */
    public static final String OIDC_AUDIENCE = "sts.amazonaws.com";

    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;
    private final Output<String> oidcProviderArn;
    private final Output<String> oidcIssuer;
    private final Output<String> accountId;
    private final List<Resource> readyForWorkloads;

    public FargateCluster(String name, FargateClusterArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        String p = args.prefix();
        String partition = IamPolicies.partition(args.region());

        var clusterRole = new Role(p + "-cluster-role", RoleArgs.builder()
                .assumeRolePolicy(IamPolicies.serviceTrust("eks.amazonaws.com"))
                .tags(ResourceTags.of(args.tags(), p + "-cluster-role"))
                .build(), child());
        var clusterPolicy = new RolePolicyAttachment(p + "-cluster-policy", RolePolicyAttachmentArgs.builder()
                .role(clusterRole.name())
                .policyArn(IamPolicies.managedPolicyArn(partition, "AmazonEKSClusterPolicy"))
                .build(), child());

        // Created before the cluster, or EKS creates it itself with logs kept forever.
        var controlPlaneLogs = new LogGroup(p + "-control-plane-logs", LogGroupArgs.builder()
                .name(FargateLogging.controlPlaneLogGroupName(args.clusterName()))
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.kmsKeyArn().orElse(null))
                .tags(ResourceTags.of(args.tags(), p + "-control-plane-logs"))
                .build(), child());

        // EKS encrypts and decrypts the envelope keys of secrets as the cluster role (EKS user guide,
        // "Encrypt Kubernetes secrets with KMS"): the role may use this one key and nothing else.
        List<Resource> beforeCluster = new ArrayList<>(List.of(clusterPolicy, controlPlaneLogs));
        args.kmsKeyArn().ifPresent(key -> beforeCluster.add(new RolePolicy(p + "-cluster-kms", RolePolicyArgs.builder()
                .role(clusterRole.name())
                .policy(key.applyValue(arn -> IamPolicies.json(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Effect", "Allow",
                        "Action", List.of("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"),
                        "Resource", arn))))))
                .build(), child())));

        var cluster = new Cluster(p + "-eks", ClusterArgs.builder()
                .name(args.clusterName())
                .version(args.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(args.endpointPublicAccess())
                        // Only meaningful with the public endpoint; omitted otherwise rather than sent empty.
                        .publicAccessCidrs(args.endpointPublicAccess() ? args.publicAccessCidrs() : (List<String>) null)
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // Whoever runs `pulumi up` must reach the API to install the chart.
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                .enabledClusterLogTypes(args.controlPlaneLogTypes())
                .encryptionConfig(args.kmsKeyArn().map(key -> ClusterEncryptionConfigArgs.builder()
                        .provider(ClusterEncryptionConfigProviderArgs.builder().keyArn(key).build())
                        .resources("secrets")
                        .build()).orElse(null))
                .tags(ResourceTags.of(args.tags(), args.clusterName()))
                .build(), CustomResourceOptions.builder().parent(this).protect(args.protect())
                .dependsOn(beforeCluster).build());
        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();

        this.accountId = args.accountId();
        var podRole = new Role(p + "-pod-execution-role", RoleArgs.builder()
                .assumeRolePolicy(accountId.applyValue(account ->
                        IamPolicies.fargatePodTrust(partition, args.region(), account, args.clusterName())))
                .tags(ResourceTags.of(args.tags(), p + "-pod-execution-role"))
                .build(), child());
        var podPolicy = new RolePolicyAttachment(p + "-pod-execution-policy", RolePolicyAttachmentArgs.builder()
                .role(podRole.name())
                .policyArn(IamPolicies.managedPolicyArn(partition, "AmazonEKSFargatePodExecutionRolePolicy"))
                .build(), child());

        var podLogs = new LogGroup(p + "-fargate-logs", LogGroupArgs.builder()
                .name(FargateLogging.logGroupName(args.clusterName()))
                .retentionInDays(args.logRetentionDays())
                .kmsKeyId(args.kmsKeyArn().orElse(null))
                .tags(ResourceTags.of(args.tags(), p + "-fargate-logs"))
                .build(), child());
        new RolePolicy(p + "-pod-execution-logs", RolePolicyArgs.builder()
                .role(podRole.name())
                .policy(podLogs.arn().applyValue(arn -> IamPolicies.json(Map.of("Version", "2012-10-17",
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", FargateLogging.LOG_ACTIONS,
                                "Resource", List.of(arn, arn + ":*")))))))
                .build(), child());

        // Profiles are created and deleted one at a time: in parallel EKS answers ResourceInUseException.
        List<String> namespaces = new ArrayList<>();
        namespaces.add(KUBE_SYSTEM);
        namespaces.addAll(args.fargateNamespaces());
        List<Resource> profiles = new ArrayList<>();
        Resource previous = podPolicy;
        FargateProfile kubeSystemProfile = null;
        for (String namespace : namespaces) {
            var profile = new FargateProfile(p + "-fp-" + namespace, FargateProfileArgs.builder()
                    .clusterName(cluster.name())
                    .podExecutionRoleArn(podRole.arn())
                    .subnetIds(args.privateSubnetIds())
                    .selectors(FargateProfileSelectorArgs.builder().namespace(namespace).build())
                    .tags(ResourceTags.of(args.tags(), p + "-fp-" + namespace))
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(previous).build());
            if (kubeSystemProfile == null) {
                kubeSystemProfile = profile;
            }
            profiles.add(profile);
            previous = profile;
        }

        // Without a kube-system profile and computeType=Fargate, CoreDNS stays Pending and every DNS lookup fails.
        var coredns = new Addon(p + "-coredns", AddonArgs.builder()
                .clusterName(cluster.name())
                .addonName("coredns")
                .configurationValues(COREDNS_FARGATE_CONFIGURATION)
                // EKS installs a self-managed CoreDNS that asks for EC2 nodes; the add-on takes it over.
                .resolveConflictsOnCreate("OVERWRITE")
                .resolveConflictsOnUpdate("OVERWRITE")
                .tags(ResourceTags.of(args.tags(), p + "-coredns"))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(kubeSystemProfile).build());

        for (String principal : args.adminPrincipalArns()) {
            String key = principalKey(principal);
            var entry = new AccessEntry(p + "-admin-" + key, AccessEntryArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principal)
                    .type("STANDARD")
                    .tags(ResourceTags.of(args.tags(), p + "-admin-" + key))
                    .build(), child());
            new AccessPolicyAssociation(p + "-admin-" + key + "-policy", AccessPolicyAssociationArgs.builder()
                    .clusterName(cluster.name())
                    .principalArn(principal)
                    .policyArn("arn:" + partition + ":eks::aws:cluster-access-policy/" + CLUSTER_ADMIN_POLICY)
                    .accessScope(AccessPolicyAssociationAccessScopeArgs.builder().type("cluster").build())
                    .build(), CustomResourceOptions.builder().parent(this).dependsOn(entry).build());
        }

        this.kubeconfig = Output.tuple(cluster.name(), cluster.endpoint(), cluster.certificateAuthority())
                .applyValue(t -> Kubeconfig.render(t.t1, t.t2, caData(t.t3), args.region()))
                .asSecret();
        this.kubernetesProvider = new Provider(p + "-k8s", ProviderArgs.builder()
                .kubeconfig(kubeconfig)
                .build(), child());

        // Pods started before this ConfigMap exists log nothing until restarted: it comes before any workload.
        var inCluster = CustomResourceOptions.builder().parent(this).provider(kubernetesProvider);
        var observability = new Namespace(p + "-ns-aws-observability", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(FargateLogging.NAMESPACE).labels(FargateLogging.NAMESPACE_LABELS).build())
                .build(), inCluster.build());
        var loggingConfig = new ConfigMap(p + "-aws-logging", ConfigMapArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(FargateLogging.CONFIG_MAP).namespace(FargateLogging.NAMESPACE).build())
                .data(FargateLogging.configMapData(args.region(), args.clusterName()))
                .build(), CustomResourceOptions.builder().parent(this).provider(kubernetesProvider)
                .dependsOn(List.of(observability, podLogs)).build());

        // IAM roles for service accounts: the runner's S3 cache role trusts this provider.
        this.oidcIssuer = cluster.identities().applyValue(FargateCluster::issuer);
        var oidc = new OpenIdConnectProvider(p + "-oidc", OpenIdConnectProviderArgs.builder()
                .url(oidcIssuer)
                .clientIdLists(OIDC_AUDIENCE)
                .tags(ResourceTags.of(args.tags(), p + "-oidc"))
                .build(), child());
        this.oidcProviderArn = oidc.arn();

        List<Resource> ready = new ArrayList<>(profiles);
        ready.add(coredns);
        ready.add(loggingConfig);
        this.readyForWorkloads = List.copyOf(ready);

        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint, "kubeconfig", kubeconfig));
    }

    private static String issuer(List<ClusterIdentity> identities) {
        return identities.stream()
                .flatMap(i -> i.oidcs().stream())
                .map(o -> o.issuer().orElse(""))
                .filter(issuer -> !issuer.isEmpty())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the EKS cluster reports no OIDC issuer"));
    }

    private static String caData(ClusterCertificateAuthority ca) {
        return ca == null || ca.data().isEmpty() ? "" : ca.data().get();
    }

    /** A stable name part from a principal ARN: its type and name, e.g. role-PlatformAdmin. */
    static String principalKey(String arn) {
        String resource = arn.substring(arn.lastIndexOf(':') + 1);
        return resource.replaceAll("[^A-Za-z0-9-]+", "-");
    }

    private CustomResourceOptions child() {
        return CustomResourceOptions.builder().parent(this).build();
    }

    public Output<String> clusterName() {
        return clusterName;
    }

    public Output<String> endpoint() {
        return endpoint;
    }

    /** Secret: it names the cluster's endpoint and authority. */
    public Output<String> kubeconfig() {
        return kubeconfig;
    }

    public Provider kubernetesProvider() {
        return kubernetesProvider;
    }

    public Output<String> oidcProviderArn() {
        return oidcProviderArn;
    }

    /** The issuer URL, https://oidc.eks.<region>.amazonaws.com/id/<id>. */
    public Output<String> oidcIssuer() {
        return oidcIssuer;
    }

    public Output<String> accountId() {
        return accountId;
    }

    /** What must exist before any pod is created: every Fargate profile, CoreDNS and the logging ConfigMap. */
    public List<Resource> readyForWorkloads() {
        return readyForWorkloads;
    }
}
