package io.runnerfargate.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runnerfargate.cluster.IamPolicies;
import io.runnerfargate.config.NatMode;
import io.runnerfargate.config.RunnerTokenSource;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege IAM policy for whoever runs {@code pulumi up}, {@code refresh} and
 * {@code destroy} on one stack, derived from the resource types in the stack's plan. Pure: a plan
 * and its settings in, a policy document (ordered maps) out.
 *
 * <p>Scoping follows what each service supports (Service Authorization Reference, the "Actions,
 * resources, and condition keys" page of EC2, EKS, IAM, CloudWatch Logs, KMS, S3 and Secrets
 * Manager): by name where the program sets the name, by the {@code Project} tag where the name is
 * generated, and {@code "*"} only for the calls that support no resource at all.
 */
public final class DeployerPolicy {
    public static final String VERSION = "2012-10-17";
    /** The account the policy is attached in; the plan has no real account id. */
    public static final String ACCOUNT = "${aws:PrincipalAccount}";
    /** The tag the program sets on every AWS resource, with the project name as its value. */
    public static final String OWNER_TAG = "Project";
    /** The tag the program sets to the stack name (StackSettings.resourceTags). */
    public static final String STACK_TAG = "Environment";
    /** A managed policy counts at most this many characters, whitespace aside (IAM quotas page). */
    public static final int MANAGED_POLICY_MAX_CHARS = 6144;
    /** All inline policies of one role together, whitespace not counted (IAM and STS quotas). */
    public static final int INLINE_POLICIES_MAX_CHARS = 10240;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    /** What the provider calls for each EC2 kind, and on which resource types (ARN type names). */
    private record Ec2Grant(ResourceKind kind, List<String> describe, String create, String createdType,
                            List<String> createUses, List<String> change, List<String> changeTypes) {}

    private static final List<Ec2Grant> EC2 = List.of(
            new Ec2Grant(ResourceKind.VPC,
                    // Reading a VPC also reads its main route table, default network ACL and default security group.
                    List.of("ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:DescribeRouteTables",
                            "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups"),
                    "ec2:CreateVpc", "vpc", List.of(),
                    List.of("ec2:ModifyVpcAttribute", "ec2:DeleteVpc"), List.of("vpc")),
            new Ec2Grant(ResourceKind.SUBNET,
                    // Deleting a subnet first looks for network interfaces left in it.
                    List.of("ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces"),
                    "ec2:CreateSubnet", "subnet", List.of("vpc"),
                    List.of("ec2:ModifySubnetAttribute", "ec2:DeleteSubnet"), List.of("subnet")),
            new Ec2Grant(ResourceKind.ROUTE_TABLE, List.of("ec2:DescribeRouteTables"),
                    "ec2:CreateRouteTable", "route-table", List.of("vpc"),
                    List.of("ec2:DeleteRouteTable"), List.of("route-table")),
            new Ec2Grant(ResourceKind.ROUTE, List.of("ec2:DescribeRouteTables"), null, null, List.of(),
                    List.of("ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"), List.of("route-table")),
            new Ec2Grant(ResourceKind.ROUTE_TABLE_ASSOCIATION, List.of("ec2:DescribeRouteTables"), null, null, List.of(),
                    List.of("ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"),
                    List.of("route-table", "subnet")),
            new Ec2Grant(ResourceKind.INTERNET_GATEWAY, List.of("ec2:DescribeInternetGateways"),
                    "ec2:CreateInternetGateway", "internet-gateway", List.of(),
                    List.of("ec2:AttachInternetGateway", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"),
                    List.of("internet-gateway", "vpc")),
            new Ec2Grant(ResourceKind.ELASTIC_IP, List.of("ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"),
                    "ec2:AllocateAddress", "elastic-ip", List.of(),
                    List.of("ec2:DisassociateAddress", "ec2:ReleaseAddress"), List.of("elastic-ip")),
            new Ec2Grant(ResourceKind.NAT_GATEWAY, List.of("ec2:DescribeNatGateways"),
                    "ec2:CreateNatGateway", "natgateway", List.of("subnet", "elastic-ip"),
                    List.of("ec2:DeleteNatGateway"), List.of("natgateway")),
            new Ec2Grant(ResourceKind.VPC_ENDPOINT,
                    // A gateway endpoint's read resolves the service's prefix list.
                    List.of("ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists", "ec2:DescribeVpcEndpointServices"),
                    "ec2:CreateVpcEndpoint", "vpc-endpoint", List.of("vpc", "route-table"),
                    List.of("ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"), List.of("vpc-endpoint", "route-table")),
            new Ec2Grant(ResourceKind.DEFAULT_SECURITY_GROUP,
                    List.of("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules"), null, null, List.of(),
                    List.of("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"), List.of("security-group")),
            new Ec2Grant(ResourceKind.FLOW_LOG, List.of("ec2:DescribeFlowLogs"),
                    "ec2:CreateFlowLogs", "vpc-flow-log", List.of("vpc"),
                    List.of("ec2:DeleteFlowLogs"), List.of("vpc-flow-log")));

    /**
     * What taking a NAT gateway away needs (aws-facts, "IAM for NAT gateway create and destroy"): a
     * stack switched to natGateway none deletes the NAT gateways and releases their addresses on
     * its next {@code pulumi up}, with this policy.
     */
    public static final List<String> NAT_TEARDOWN_ACTIONS = List.of("ec2:DeleteNatGateway", "ec2:DisassociateAddress",
            "ec2:ReleaseAddress");

    private DeployerPolicy() {}

    /** The kinds the plan registers; throws when the plan holds a type this policy does not cover. */
    public static Set<ResourceKind> kinds(PlanResult plan) {
        Set<String> uncovered = new LinkedHashSet<>();
        Set<ResourceKind> kinds = EnumSet.noneOf(ResourceKind.class);
        for (PlannedResource r : plan.resources()) {
            if (ResourceKind.needsNoAwsPermission(r)) {
                continue;
            }
            ResourceKind.ofType(r.type()).ifPresentOrElse(kinds::add, () -> uncovered.add(r.type()));
        }
        if (!uncovered.isEmpty()) {
            throw new IllegalStateException("the deployer policy does not cover resource type(s) " + uncovered
                    + "; add them to io.runnerfargate.iam.ResourceKind and DeployerPolicy");
        }
        return kinds;
    }

    /** The policy document: Version and the statements, as ordered maps ready for JSON. */
    public static Map<String, Object> document(PlanResult plan, StackSettings settings) {
        if (!plan.ok()) {
            throw new IllegalArgumentException("the plan has errors; fix them before deriving its policy: " + plan.errors());
        }
        return wrap(statements(plan, settings).stream().map(PolicyStatement::toMap).toList());
    }

    public static String json(PlanResult plan, StackSettings settings) {
        return json(document(plan, settings));
    }

    public static String json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The size IAM counts against its quotas: the JSON without whitespace (IAM user guide, "IAM and AWS STS quotas"). */
    public static int size(Map<String, Object> document) {
        try {
            return COMPACT.writeValueAsString(document).replaceAll("\\s", "").length();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The same statements packed, in order, into as few documents as fit a managed policy each:
     * one role takes up to 10 managed policies, and the union of the parts is the whole policy.
     */
    public static List<Map<String, Object>> parts(PlanResult plan, StackSettings settings) {
        List<Map<String, Object>> parts = new ArrayList<>();
        List<Map<String, Object>> current = new ArrayList<>();
        for (PolicyStatement statement : statements(plan, settings)) {
            current.add(statement.toMap());
            if (size(wrap(current)) > MANAGED_POLICY_MAX_CHARS) {
                current.remove(current.size() - 1);
                if (current.isEmpty()) {
                    throw new IllegalStateException("statement " + statement.sid() + " alone exceeds a managed policy's "
                            + MANAGED_POLICY_MAX_CHARS + " characters");
                }
                parts.add(wrap(current));
                current = new ArrayList<>(List.of(statement.toMap()));
            }
        }
        if (!current.isEmpty()) {
            parts.add(wrap(current));
        }
        return parts;
    }

    private static Map<String, Object> wrap(List<Map<String, Object>> statements) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", VERSION);
        doc.put("Statement", List.copyOf(statements));
        return doc;
    }

    public static List<PolicyStatement> statements(PlanResult plan, StackSettings s) {
        Set<ResourceKind> kinds = kinds(plan);
        var arns = new Arns(IamPolicies.partition(s.region()), s.region());
        var owner = new Owner(s.project(), s.stack());
        boolean parked = s.natGateway() == NatMode.NONE;
        List<PolicyStatement> out = new ArrayList<>();

        out.add(readOnly(kinds, parked, s));
        ec2(out, kinds, parked, arns, owner);
        eks(out, kinds, arns, s.clusterName(), plan);
        iam(out, kinds, arns, owner, s.stack(), plan);
        logs(out, kinds, arns, s.clusterName(), plan);
        kms(out, kinds, arns, owner, plan);
        s3(out, kinds, arns, s.stack());
        if (s.runnerToken() instanceof RunnerTokenSource.SecretsManager sm) {
            // Only the invoke that reads the token; a secret encrypted with a customer key also needs
            // kms:Decrypt on that key, which the stack cannot know.
            out.add(new PolicyStatement("SecretsManagerReadRunnerToken",
                    List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), arns.secret(sm.secretName())));
        }
        return out;
    }

    /** Calls that accept no resource ARN, so "*" is the only valid Resource. */
    private static PolicyStatement readOnly(Set<ResourceKind> kinds, boolean parked, StackSettings s) {
        List<String> actions = new ArrayList<>();
        // The provider checks its credentials; the program looks zones up when availabilityZones is unset.
        actions.add("sts:GetCallerIdentity");
        actions.add("ec2:DescribeAvailabilityZones");
        for (Ec2Grant g : EC2) {
            if (kinds.contains(g.kind())) {
                actions.addAll(g.describe());
            }
        }
        if (parked) {
            actions.addAll(List.of("ec2:DescribeNatGateways", "ec2:DescribeAddresses", "ec2:DescribeAddressesAttribute"));
        }
        if (kinds.contains(ResourceKind.EKS_CLUSTER)) {
            actions.add("eks:DescribeClusterVersions");
        }
        if (kinds.contains(ResourceKind.EKS_ADDON)) {
            actions.add("eks:DescribeAddonVersions");
        }
        if (kinds.contains(ResourceKind.LOG_GROUP)) {
            actions.add("logs:DescribeLogGroups");
        }
        if (kinds.contains(ResourceKind.KMS_ALIAS)) {
            actions.add("kms:ListAliases");
        }
        return new PolicyStatement("ReadOnlyDiscovery", actions, List.of("*"));
    }

    private static void ec2(List<PolicyStatement> out, Set<ResourceKind> kinds, boolean parked, Arns arns, Owner owner) {
        List<Ec2Grant> present = EC2.stream().filter(g -> kinds.contains(g.kind())).toList();
        List<Ec2Grant> creating = present.stream().filter(g -> g.create() != null).toList();
        // Every EC2 action here acts only on its own resource types, so the statements name the
        // Region and account and leave the type to the action: the owner tags do the scoping, and
        // the policy stays within IAM's size limit for a managed policy.
        List<String> ec2 = List.of(arns.ec2());

        if (!creating.isEmpty()) {
            List<String> createActions = creating.stream().map(Ec2Grant::create).toList();
            // The new resource must carry the owner tags in the create request itself (EC2 user guide,
            // "Grant permission to tag Amazon EC2 resources during creation").
            out.add(new PolicyStatement("Ec2CreateTaggedResources", createActions, ec2, owner.request()));
            // Tags only as part of those creates: ec2:CreateAction names the create call.
            out.add(new PolicyStatement("Ec2TagOnCreate", List.of("ec2:CreateTags"), ec2,
                    Map.of("StringEquals", Map.of("ec2:CreateAction", createActions))));
        }

        List<String> change = new ArrayList<>();
        // The existing resources a create names (the VPC of a subnet, the subnet and address of a
        // NAT gateway) are checked on their own, and must be this stack's.
        creating.stream().filter(g -> !g.createUses().isEmpty()).forEach(g -> change.add(g.create()));
        present.forEach(g -> change.addAll(g.change()));
        if (!change.isEmpty()) {
            out.add(new PolicyStatement("Ec2ChangeStackResources", change, ec2, owner.resource()));
            // Tag edits on what the stack owns, never on the owner tags themselves: removing them would
            // take the resource out of this policy's reach, and adding them would bring a foreign one in.
            out.add(new PolicyStatement("Ec2RetagStackResources", List.of("ec2:CreateTags", "ec2:DeleteTags"), ec2,
                    with(owner.resource(), "ForAllValues:StringNotEquals", Map.of("aws:TagKeys", Owner.KEYS))));
        }
        if (kinds.contains(ResourceKind.DEFAULT_SECURITY_GROUP)) {
            // CreateVpc makes the default security group without tags, and no EC2 condition key names
            // its VPC by tag: the provider tags it first, then revokes its rules under the owner tags.
            out.add(new PolicyStatement("Ec2TagDefaultSecurityGroup", List.of("ec2:CreateTags"),
                    List.of(arns.ec2("security-group")), owner.request()));
        }
        if (parked) {
            List<String> teardown = new ArrayList<>(NAT_TEARDOWN_ACTIONS);
            if (!kinds.contains(ResourceKind.ROUTE)) {
                teardown.add("ec2:DeleteRoute");
            }
            out.add(new PolicyStatement("Ec2ParkedNatTeardown", teardown, ec2, owner.resource()));
        }
        if (kinds.contains(ResourceKind.ELASTIC_IP) || parked) {
            // The address's network interface belongs to the NAT gateway and carries no tag of ours;
            // the address itself is still checked against the owner tags above.
            out.add(new PolicyStatement("Ec2DisassociateNatAddress", List.of("ec2:DisassociateAddress"),
                    List.of(arns.ec2("network-interface"))));
        }
    }

    private static void eks(List<PolicyStatement> out, Set<ResourceKind> kinds, Arns arns, String cluster, PlanResult plan) {
        if (!kinds.contains(ResourceKind.EKS_CLUSTER)) {
            return;
        }
        List<String> actions = new ArrayList<>(List.of("eks:CreateCluster", "eks:DescribeCluster", "eks:UpdateClusterConfig",
                "eks:UpdateClusterVersion", "eks:DescribeUpdate", "eks:DeleteCluster", "eks:TagResource", "eks:UntagResource",
                "eks:ListTagsForResource"));
        List<String> resources = new ArrayList<>(List.of(arns.eks("cluster/" + cluster)));
        if (kinds.contains(ResourceKind.KMS_KEY)) {
            actions.add("eks:AssociateEncryptionConfig");
        }
        if (kinds.contains(ResourceKind.FARGATE_PROFILE)) {
            actions.addAll(List.of("eks:CreateFargateProfile", "eks:DescribeFargateProfile", "eks:DeleteFargateProfile"));
            resources.add(arns.eks("fargateprofile/" + cluster + "/*"));
        }
        if (kinds.contains(ResourceKind.EKS_ADDON)) {
            actions.addAll(List.of("eks:CreateAddon", "eks:DescribeAddon", "eks:UpdateAddon", "eks:DeleteAddon"));
            resources.add(arns.eks("addon/" + cluster + "/*"));
        }
        // The cluster's name is set by the program, so everything in it is scoped by name.
        out.add(new PolicyStatement("EksCluster", actions, resources));

        String entries = arns.eks("access-entry/" + cluster + "/*");
        if (kinds.contains(ResourceKind.ACCESS_ENTRY)) {
            List<String> principals = inputs(plan, ResourceKind.ACCESS_ENTRY, "principalArn");
            // Access entries only for the principals the stack lists (EKS condition key eks:principalArn).
            out.add(new PolicyStatement("EksCreateAdminAccessEntries", List.of("eks:CreateAccessEntry"),
                    List.of(arns.eks("cluster/" + cluster)), Map.of("StringEquals", Map.of("eks:principalArn", principals))));
            out.add(new PolicyStatement("EksManageAccessEntries", List.of("eks:DescribeAccessEntry", "eks:UpdateAccessEntry",
                    "eks:DeleteAccessEntry", "eks:ListAssociatedAccessPolicies", "eks:DisassociateAccessPolicy",
                    "eks:TagResource", "eks:UntagResource"), List.of(entries)));
        }
        if (kinds.contains(ResourceKind.ACCESS_POLICY_ASSOCIATION)) {
            List<String> policies = inputs(plan, ResourceKind.ACCESS_POLICY_ASSOCIATION, "policyArn");
            // Only the access policies the stack associates (EKS condition key eks:policyArn).
            out.add(new PolicyStatement("EksAssociateAccessPolicies", List.of("eks:AssociateAccessPolicy"), List.of(entries),
                    Map.of("StringEquals", Map.of("eks:policyArn", policies))));
        }
    }

    private static void iam(List<PolicyStatement> out, Set<ResourceKind> kinds, Arns arns, Owner owner, String stack,
                            PlanResult plan) {
        // Pulumi names each role <logical name>-<random suffix>, and every logical name starts with the stack.
        String roles = arns.iam("role/" + stack + "-*");
        if (kinds.contains(ResourceKind.IAM_ROLE)) {
            // Creating a role with tags takes iam:TagRole too (IAM user guide, "Tagging IAM roles").
            out.add(new PolicyStatement("IamCreateStackRoles", List.of("iam:CreateRole", "iam:TagRole"), List.of(roles),
                    owner.request()));
            List<String> read = new ArrayList<>(List.of("iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies",
                    "iam:ListInstanceProfilesForRole"));
            if (kinds.contains(ResourceKind.IAM_ROLE_POLICY)) {
                read.add("iam:GetRolePolicy");
            }
            out.add(new PolicyStatement("IamReadStackRoles", read, List.of(roles)));
            List<String> change = new ArrayList<>(List.of("iam:UpdateRole", "iam:UpdateAssumeRolePolicy", "iam:DeleteRole",
                    "iam:TagRole", "iam:UntagRole"));
            if (kinds.contains(ResourceKind.IAM_ROLE_POLICY)) {
                change.addAll(List.of("iam:PutRolePolicy", "iam:DeleteRolePolicy"));
            }
            if (kinds.contains(ResourceKind.IAM_ROLE_POLICY_ATTACHMENT)) {
                change.add("iam:DetachRolePolicy");
            }
            out.add(new PolicyStatement("IamChangeStackRoles", change, List.of(roles), owner.resource()));
        }
        if (kinds.contains(ResourceKind.IAM_ROLE_POLICY_ATTACHMENT)) {
            // Only the managed policies the program attaches: never AdministratorAccess or another
            // policy that would turn a project role into a way around this one.
            out.add(new PolicyStatement("IamAttachKnownManagedPolicies", List.of("iam:AttachRolePolicy"), List.of(roles),
                    with(owner.resource(), "ArnEquals",
                            Map.of("iam:PolicyARN", inputs(plan, ResourceKind.IAM_ROLE_POLICY_ATTACHMENT, "policyArn")))));
        }
        List<String> services = new ArrayList<>();
        if (kinds.contains(ResourceKind.EKS_CLUSTER)) {
            services.add("eks.amazonaws.com");
        }
        if (kinds.contains(ResourceKind.FARGATE_PROFILE)) {
            services.add("eks-fargate-pods.amazonaws.com");
        }
        if (kinds.contains(ResourceKind.FLOW_LOG)) {
            services.add("vpc-flow-logs.amazonaws.com");
        }
        if (!services.isEmpty()) {
            out.add(new PolicyStatement("IamPassStackRolesToServices", List.of("iam:PassRole"), List.of(roles),
                    Map.of("StringEquals", Map.of("iam:PassedToService", services))));
        }
        List<String> linked = new ArrayList<>();
        List<String> linkedServices = new ArrayList<>();
        // EKS creates its service-linked roles on the first cluster and the first Fargate profile of
        // an account, as the caller (EKS user guide, "Using service-linked roles for Amazon EKS").
        if (kinds.contains(ResourceKind.EKS_CLUSTER)) {
            linked.add(arns.iam("role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS"));
            linkedServices.add("eks.amazonaws.com");
        }
        if (kinds.contains(ResourceKind.FARGATE_PROFILE)) {
            linked.add(arns.iam("role/aws-service-role/eks-fargate.amazonaws.com/AWSServiceRoleForAmazonEKSForFargate"));
            linkedServices.add("eks-fargate.amazonaws.com");
        }
        if (!linked.isEmpty()) {
            out.add(new PolicyStatement("IamEksServiceLinkedRoles", List.of("iam:CreateServiceLinkedRole"), linked,
                    Map.of("StringEquals", Map.of("iam:AWSServiceName", linkedServices))));
        }
        if (kinds.contains(ResourceKind.OIDC_PROVIDER)) {
            // The provider's ARN is its issuer's host and path; EKS issuers all live under oidc.eks.<region>.
            out.add(new PolicyStatement("IamClusterOidcProvider", List.of("iam:CreateOpenIDConnectProvider",
                    "iam:GetOpenIDConnectProvider", "iam:DeleteOpenIDConnectProvider", "iam:TagOpenIDConnectProvider",
                    "iam:UntagOpenIDConnectProvider", "iam:ListOpenIDConnectProviderTags",
                    "iam:UpdateOpenIDConnectProviderThumbprint", "iam:AddClientIDToOpenIDConnectProvider",
                    "iam:RemoveClientIDFromOpenIDConnectProvider"), List.of(arns.oidcProviders())));
        }
    }

    private static void logs(List<PolicyStatement> out, Set<ResourceKind> kinds, Arns arns, String cluster, PlanResult plan) {
        if (!kinds.contains(ResourceKind.LOG_GROUP)) {
            return;
        }
        // The control plane's and Fargate's groups (FargateLogging) share /aws/eks/<cluster>/.
        String eksPrefix = "/aws/eks/" + cluster + "/";
        List<String> groups = new ArrayList<>();
        for (PlannedResource r : plan.ofType(ResourceKind.LOG_GROUP.type())) {
            Object name = r.input("name");
            if (name instanceof String n && n.startsWith(eksPrefix)) {
                groups.add(arns.logGroup(eksPrefix + "*"));
            } else if (name instanceof String n && !n.equals(PlannedResource.UNKNOWN)) {
                groups.add(arns.logGroup(n));
                groups.add(arns.logGroup(n + ":*"));
            } else {
                // Auto-named: Pulumi appends a random suffix to the logical name.
                groups.add(arns.logGroup(r.name() + "-*"));
            }
        }
        List<String> actions = new ArrayList<>(List.of("logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:ListTagsForResource",
                "logs:TagLogGroup", "logs:UntagLogGroup", "logs:ListTagsLogGroup"));
        if (kinds.contains(ResourceKind.KMS_KEY)) {
            actions.addAll(List.of("logs:AssociateKmsKey", "logs:DisassociateKmsKey"));
        }
        out.add(new PolicyStatement("LogsProjectLogGroups", actions, groups));
    }

    private static void kms(List<PolicyStatement> out, Set<ResourceKind> kinds, Arns arns, Owner owner, PlanResult plan) {
        if (!kinds.contains(ResourceKind.KMS_KEY)) {
            return;
        }
        Map<String, Map<String, Object>> requestTag = owner.request();
        Map<String, Map<String, Object>> resourceTag = owner.resource();
        // CreateKey has no key yet to name.
        out.add(new PolicyStatement("KmsCreateKey", List.of("kms:CreateKey"), List.of("*"), requestTag));
        // Tags in CreateKey need kms:TagResource on every key of the account and Region (KMS developer
        // guide, "Controlling access to tags"), limited here to requests that set the owner tag.
        out.add(new PolicyStatement("KmsTagNewKeys", List.of("kms:TagResource"), List.of(arns.kms("key/*")), requestTag));
        List<String> manage = new ArrayList<>(List.of("kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
                "kms:ListResourceTags", "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
                "kms:UpdateKeyDescription", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion"));
        if (kinds.contains(ResourceKind.KMS_ALIAS)) {
            // An alias call is checked on the key as well as on the alias (KMS developer guide, "Controlling access to aliases").
            manage.addAll(List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"));
        }
        out.add(new PolicyStatement("KmsManageStackKeys", manage, List.of(arns.kms("key/*")), resourceTag));
        if (kinds.contains(ResourceKind.EKS_CLUSTER)) {
            // EKS keeps a grant on the key for envelope encryption of Kubernetes secrets.
            out.add(new PolicyStatement("KmsGrantToEks", List.of("kms:CreateGrant"), List.of(arns.kms("key/*")),
                    with(resourceTag, "Bool", Map.of("kms:GrantIsForAWSResource", "true"))));
        }
        if (kinds.contains(ResourceKind.KMS_ALIAS)) {
            List<String> aliases = new ArrayList<>();
            for (PlannedResource r : plan.ofType(ResourceKind.KMS_ALIAS.type())) {
                Object name = r.input("name");
                aliases.add(arns.kms(name instanceof String n && n.startsWith("alias/") ? n : "alias/" + r.name() + "*"));
            }
            // Aliases carry no tags: scoped by name.
            out.add(new PolicyStatement("KmsProjectAliases", List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"),
                    aliases));
        }
    }

    private static void s3(List<PolicyStatement> out, Set<ResourceKind> kinds, Arns arns, String stack) {
        if (!kinds.contains(ResourceKind.S3_BUCKET)) {
            return;
        }
        List<String> actions = new ArrayList<>(List.of("s3:CreateBucket", "s3:DeleteBucket", "s3:ListBucket",
                "s3:GetBucketLocation", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetBucketPolicy", "s3:GetBucketAcl",
                "s3:GetBucketCORS", "s3:GetBucketWebsite", "s3:GetBucketVersioning", "s3:GetAccelerateConfiguration",
                "s3:GetBucketRequestPayment", "s3:GetBucketLogging", "s3:GetLifecycleConfiguration",
                "s3:GetReplicationConfiguration", "s3:GetEncryptionConfiguration", "s3:GetBucketObjectLockConfiguration",
                // forceDestroy empties the bucket before deleting it.
                "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"));
        if (kinds.contains(ResourceKind.S3_PUBLIC_ACCESS_BLOCK)) {
            actions.addAll(List.of("s3:GetBucketPublicAccessBlock", "s3:PutBucketPublicAccessBlock"));
        }
        if (kinds.contains(ResourceKind.S3_LIFECYCLE)) {
            actions.add("s3:PutLifecycleConfiguration");
        }
        // Bucket ARNs carry no account: the bucket name (CacheIam.bucketName) is the only scope S3 offers.
        String bucket = arns.s3("gitlab-runner-cache-" + stack.toLowerCase().replaceAll("[^a-z0-9-]", "-") + "-*");
        out.add(new PolicyStatement("S3RunnerCacheBucket", actions, List.of(bucket)));
    }

    private static Map<String, Map<String, Object>> with(Map<String, Map<String, Object>> condition, String operator,
                                                         Map<String, Object> keys) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>(condition);
        out.put(operator, keys);
        return out;
    }

    /** The distinct string values of one input across the plan's resources of a kind. */
    private static List<String> inputs(PlanResult plan, ResourceKind kind, String input) {
        Set<String> values = new LinkedHashSet<>();
        for (PlannedResource r : plan.ofType(kind.type())) {
            Object v = r.input(input);
            if (!(v instanceof String text) || text.equals(PlannedResource.UNKNOWN) || text.equals(PlannedResource.SECRET)) {
                throw new IllegalStateException(kind.type() + " " + r.name() + " has no known " + input
                        + "; the policy scopes by it and cannot be derived");
            }
            values.add(text);
        }
        return List.copyOf(values);
    }

    /**
     * The tags that make a resource this stack's: Project alone is shared by every stack of the
     * project, so Environment (the stack) is required too, or nonprod's deployer could delete prod.
     */
    private record Owner(String project, String stack) {
        static final List<String> KEYS = List.of(OWNER_TAG, STACK_TAG);

        Map<String, Map<String, Object>> request() {
            return tags("aws:RequestTag/");
        }

        Map<String, Map<String, Object>> resource() {
            return tags("aws:ResourceTag/");
        }

        private Map<String, Map<String, Object>> tags(String prefix) {
            Map<String, Object> keys = new LinkedHashMap<>();
            keys.put(prefix + OWNER_TAG, project);
            keys.put(prefix + STACK_TAG, stack);
            return Map.of("StringEquals", keys);
        }
    }

    /** ARNs in the stack's partition and Region, in the account the policy is attached in. */
    private record Arns(String partition, String region) {
        String ec2() {
            return "arn:" + partition + ":ec2:" + region + ":" + ACCOUNT + ":*";
        }

        String ec2(String type) {
            return "arn:" + partition + ":ec2:" + region + ":" + ACCOUNT + ":" + type + "/*";
        }

        String eks(String resource) {
            return "arn:" + partition + ":eks:" + region + ":" + ACCOUNT + ":" + resource;
        }

        String iam(String resource) {
            return "arn:" + partition + ":iam::" + ACCOUNT + ":" + resource;
        }

        String oidcProviders() {
            String dns = partition.equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
            return iam("oidc-provider/oidc.eks." + region + "." + dns + "/id/*");
        }

        String logGroup(String name) {
            return "arn:" + partition + ":logs:" + region + ":" + ACCOUNT + ":log-group:" + name;
        }

        String kms(String resource) {
            return "arn:" + partition + ":kms:" + region + ":" + ACCOUNT + ":" + resource;
        }

        String s3(String bucketPattern) {
            return "arn:" + partition + ":s3:::" + bucketPattern;
        }

        /**
         * A secret's ARN ends in "-" and six random characters; "??????" matches exactly those, where
         * "*" would also match a longer name with the same start (Secrets Manager user guide,
         * "Permissions policy examples").
         */
        List<String> secret(String nameOrArn) {
            if (nameOrArn.startsWith("arn:")) {
                return List.of(nameOrArn, nameOrArn + "-??????");
            }
            return List.of("arn:" + partition + ":secretsmanager:" + region + ":" + ACCOUNT + ":secret:" + nameOrArn + "-??????");
        }
    }
}
