package io.runnerfargate.cluster;

import com.pulumi.aws.AwsFunctions;
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
import com.pulumi.aws.eks.inputs.ClusterVpcConfigArgs;
import com.pulumi.aws.eks.inputs.FargateProfileSelectorArgs;
import com.pulumi.aws.eks.outputs.ClusterCertificateAuthority;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.outputs.GetCallerIdentityResult;
import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
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

    private final Output<String> clusterName;
    private final Output<String> endpoint;
    private final Output<String> kubeconfig;
    private final Provider kubernetesProvider;
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

        var cluster = new Cluster(p + "-eks", ClusterArgs.builder()
                .name(args.clusterName())
                .version(args.kubernetesVersion())
                .roleArn(clusterRole.arn())
                .vpcConfig(ClusterVpcConfigArgs.builder()
                        .subnetIds(args.privateSubnetIds())
                        .endpointPrivateAccess(true)
                        .endpointPublicAccess(args.endpointPublicAccess())
                        .publicAccessCidrs(args.endpointPublicAccess() ? args.publicAccessCidrs() : List.of())
                        .build())
                .accessConfig(ClusterAccessConfigArgs.builder()
                        .authenticationMode("API")
                        // Whoever runs `pulumi up` must reach the API to install the chart.
                        .bootstrapClusterCreatorAdminPermissions(true)
                        .build())
                .tags(ResourceTags.of(args.tags(), args.clusterName()))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(clusterPolicy).build());
        this.clusterName = cluster.name();
        this.endpoint = cluster.endpoint();

        Output<String> accountId = AwsFunctions.getCallerIdentity().applyValue(GetCallerIdentityResult::accountId);
        var podRole = new Role(p + "-pod-execution-role", RoleArgs.builder()
                .assumeRolePolicy(accountId.applyValue(account ->
                        IamPolicies.fargatePodTrust(partition, args.region(), account, args.clusterName())))
                .tags(ResourceTags.of(args.tags(), p + "-pod-execution-role"))
                .build(), child());
        var podPolicy = new RolePolicyAttachment(p + "-pod-execution-policy", RolePolicyAttachmentArgs.builder()
                .role(podRole.name())
                .policyArn(IamPolicies.managedPolicyArn(partition, "AmazonEKSFargatePodExecutionRolePolicy"))
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

        List<Resource> ready = new ArrayList<>(profiles);
        ready.add(coredns);
        this.readyForWorkloads = List.copyOf(ready);

        registerOutputs(Map.of("clusterName", clusterName, "endpoint", endpoint, "kubeconfig", kubeconfig));
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

    /** What must exist before any pod is created: every Fargate profile and CoreDNS. */
    public List<Resource> readyForWorkloads() {
        return readyForWorkloads;
    }
}
