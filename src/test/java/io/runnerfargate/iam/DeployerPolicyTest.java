package io.runnerfargate.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnerfargate.TestStacks;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.plan.OfflinePlan;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import io.runnerfargate.plan.StackFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployer policy of the project's own stacks, planned once each on the mock runtime (one plan
 * at a time: the runtime is a process-wide singleton).
 */
class DeployerPolicyTest {
    private static final String ACCOUNT = "${aws:PrincipalAccount}";
    /** The only actions a statement may grant on "*": calls that take no resource ARN at all. */
    private static final Set<String> STAR_ALLOWED = Set.of(
            "sts:GetCallerIdentity", "ec2:DescribeAvailabilityZones", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute",
            "ec2:DescribeRouteTables", "ec2:DescribeNetworkAcls", "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules",
            "ec2:DescribeSubnets", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInternetGateways", "ec2:DescribeAddresses",
            "ec2:DescribeAddressesAttribute", "ec2:DescribeNatGateways", "ec2:DescribeVpcEndpoints", "ec2:DescribePrefixLists",
            "ec2:DescribeVpcEndpointServices", "ec2:DescribeFlowLogs", "eks:DescribeClusterVersions",
            "eks:DescribeAddonVersions", "logs:DescribeLogGroups", "kms:ListAliases", "kms:CreateKey");
    private static final Map<String, String> OWNED_NONPROD = owned("nonprod");

    private static Stack nonprod;
    private static Stack prod;

    private record Stack(PlanResult plan, StackSettings settings, List<PolicyStatement> statements) {
        PolicyStatement sid(String sid) {
            return statements.stream().filter(s -> s.sid().equals(sid)).findFirst()
                    .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + sids()));
        }

        Optional<PolicyStatement> find(String sid) {
            return statements.stream().filter(s -> s.sid().equals(sid)).findFirst();
        }

        List<String> sids() {
            return statements.stream().map(PolicyStatement::sid).toList();
        }

        Set<String> allActions() {
            Set<String> all = new LinkedHashSet<>();
            statements.forEach(s -> all.addAll(s.actions()));
            return all;
        }
    }

    @BeforeAll
    static void planTheProjectStacks() throws Exception {
        nonprod = fromFiles("nonprod");
        prod = fromFiles("prod");
    }

    private static Stack fromFiles(String name) throws Exception {
        StackFiles files = StackFiles.load(Path.of("."), name);
        PlanResult plan = OfflinePlan.run(files, io.runnerfargate.TestStacks.DAY);
        assertTrue(plan.ok(), plan.errors().toString());
        StackSettings settings = StackSettings.parse(files.project(), files.stack(), files.config(), files.secretKeys());
        return new Stack(plan, settings, DeployerPolicy.statements(plan, settings));
    }

    private static Stack fromSettings(String name, Map<String, String> keys) {
        StackSettings settings = TestStacks.settings(name, keys);
        PlanResult plan = OfflinePlan.run(settings, io.runnerfargate.TestStacks.DAY);
        assertTrue(plan.ok(), plan.errors().toString());
        return new Stack(plan, settings, DeployerPolicy.statements(plan, settings));
    }

    private static Map<String, String> owned(String stack) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("aws:ResourceTag/Project", "gitlab-runner-fargate");
        m.put("aws:ResourceTag/Environment", stack);
        return m;
    }

    @Test
    void nonprodHasExactlyTheStatementsOfItsResourceTypes() {
        assertEquals(List.of("ReadOnlyDiscovery", "Ec2CreateTaggedResources", "Ec2TagOnCreate", "Ec2ChangeStackResources",
                "Ec2RetagStackResources", "Ec2TagDefaultSecurityGroup", "Ec2DisassociateNatAddress", "EksCluster",
                "IamCreateStackRoles", "IamReadStackRoles", "IamChangeStackRoles", "IamAttachKnownManagedPolicies",
                "IamPassStackRolesToServices", "IamEksServiceLinkedRoles", "IamClusterOidcProvider", "LogsProjectLogGroups",
                "KmsCreateKey", "KmsTagNewKeys", "KmsManageStackKeys", "KmsGrantToEks", "KmsProjectAliases",
                "S3RunnerCacheBucket", "SecretsManagerReadRunnerToken"),
                nonprod.sids());
        assertEquals(List.of("ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateInternetGateway",
                "ec2:AllocateAddress", "ec2:CreateNatGateway", "ec2:CreateVpcEndpoint", "ec2:CreateFlowLogs"),
                nonprod.sid("Ec2CreateTaggedResources").actions());
        assertEquals(List.of("arn:aws:ec2:us-west-2:" + ACCOUNT + ":*"), nonprod.sid("Ec2CreateTaggedResources").resources());
        assertEquals(Map.of("StringEquals", Map.of("aws:RequestTag/Project", "gitlab-runner-fargate",
                "aws:RequestTag/Environment", "nonprod")), nonprod.sid("Ec2CreateTaggedResources").condition());
        assertEquals(Map.of("StringEquals", Map.of("ec2:CreateAction", nonprod.sid("Ec2CreateTaggedResources").actions())),
                nonprod.sid("Ec2TagOnCreate").condition());
        assertEquals(List.of("ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:CreateNatGateway", "ec2:CreateVpcEndpoint",
                "ec2:CreateFlowLogs", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet", "ec2:DeleteRouteTable",
                "ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable",
                "ec2:ReplaceRouteTableAssociation", "ec2:AttachInternetGateway", "ec2:DetachInternetGateway",
                "ec2:DeleteInternetGateway", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:DeleteNatGateway",
                "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:RevokeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupEgress", "ec2:DeleteFlowLogs"), nonprod.sid("Ec2ChangeStackResources").actions());
        assertEquals(Map.of("StringEquals", OWNED_NONPROD), nonprod.sid("Ec2ChangeStackResources").condition());
        assertEquals(Map.of("StringEquals", OWNED_NONPROD, "ForAllValues:StringNotEquals",
                Map.of("aws:TagKeys", List.of("Project", "Environment"))), nonprod.sid("Ec2RetagStackResources").condition());
    }

    @Test
    void prodAddsTheAdminAccessEntryLimitedToItsPrincipalAndPolicy() {
        assertEquals(List.of("ReadOnlyDiscovery", "Ec2CreateTaggedResources", "Ec2TagOnCreate", "Ec2ChangeStackResources",
                "Ec2RetagStackResources", "Ec2TagDefaultSecurityGroup", "Ec2DisassociateNatAddress", "EksCluster", "EksCreateAdminAccessEntries",
                "EksManageAccessEntries", "EksAssociateAccessPolicies", "IamCreateStackRoles", "IamReadStackRoles",
                "IamChangeStackRoles", "IamAttachKnownManagedPolicies", "IamPassStackRolesToServices", "IamEksServiceLinkedRoles",
                "IamClusterOidcProvider", "LogsProjectLogGroups", "KmsCreateKey", "KmsTagNewKeys", "KmsManageStackKeys", "KmsGrantToEks", "KmsProjectAliases", "S3RunnerCacheBucket", "SecretsManagerReadRunnerToken"),
                prod.sids());
        var create = prod.sid("EksCreateAdminAccessEntries");
        assertEquals(List.of("eks:CreateAccessEntry"), create.actions());
        assertEquals(List.of("arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/prod-eks-cluster"), create.resources());
        assertEquals(Map.of("StringEquals", Map.of("eks:principalArn", List.of("arn:aws:iam::123456789012:role/PlatformAdmin"))),
                create.condition());
        var associate = prod.sid("EksAssociateAccessPolicies");
        assertEquals(List.of("arn:aws:eks:us-west-2:" + ACCOUNT + ":access-entry/prod-eks-cluster/*"), associate.resources());
        assertEquals(Map.of("StringEquals", Map.of("eks:policyArn",
                List.of("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"))), associate.condition());
    }

    @Test
    void eksIsScopedToTheClusterByName() {
        var eks = nonprod.sid("EksCluster");
        assertEquals(List.of("arn:aws:eks:us-west-2:" + ACCOUNT + ":cluster/nonprod-eks-cluster",
                "arn:aws:eks:us-west-2:" + ACCOUNT + ":fargateprofile/nonprod-eks-cluster/*",
                "arn:aws:eks:us-west-2:" + ACCOUNT + ":addon/nonprod-eks-cluster/*"), eks.resources());
        assertTrue(eks.actions().containsAll(List.of("eks:CreateCluster", "eks:DeleteCluster", "eks:CreateFargateProfile",
                "eks:DeleteFargateProfile", "eks:CreateAddon", "eks:DeleteAddon")), eks.actions().toString());
        assertTrue(eks.actions().contains("eks:AssociateEncryptionConfig"), "the plan has a KMS key for secrets");
    }

    @Test
    void iamIsLimitedToTheStacksRolesTheKnownPoliciesAndTheTwoEksServices() {
        String roles = "arn:aws:iam::" + ACCOUNT + ":role/nonprod-*";
        for (String sid : List.of("IamCreateStackRoles", "IamReadStackRoles", "IamChangeStackRoles",
                "IamAttachKnownManagedPolicies", "IamPassStackRolesToServices")) {
            assertEquals(List.of(roles), nonprod.sid(sid).resources(), sid);
        }
        assertEquals(Map.of("StringEquals", Map.of("aws:RequestTag/Project", "gitlab-runner-fargate",
                "aws:RequestTag/Environment", "nonprod")), nonprod.sid("IamCreateStackRoles").condition());
        assertEquals(Map.of("StringEquals", OWNED_NONPROD, "ArnEquals", Map.of("iam:PolicyARN", List.of(
                "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy", "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy"))),
                nonprod.sid("IamAttachKnownManagedPolicies").condition());
        assertEquals(List.of("iam:PassRole"), nonprod.sid("IamPassStackRolesToServices").actions());
        assertEquals(Map.of("StringEquals", Map.of("iam:PassedToService", List.of("eks.amazonaws.com", "eks-fargate-pods.amazonaws.com",
                        "vpc-flow-logs.amazonaws.com"))),
                nonprod.sid("IamPassStackRolesToServices").condition());
        assertEquals(List.of("arn:aws:iam::" + ACCOUNT + ":oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/*"),
                nonprod.sid("IamClusterOidcProvider").resources());
        assertEquals(List.of("arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS",
                "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/eks-fargate.amazonaws.com/AWSServiceRoleForAmazonEKSForFargate"),
                nonprod.sid("IamEksServiceLinkedRoles").resources());
    }

    @Test
    void logsAndTheCacheBucketAreScopedByName() {
        assertEquals(List.of("arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/vpc/nonprod-flow-logs",
                "arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/vpc/nonprod-flow-logs:*",
                "arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/eks/nonprod-eks-cluster/*"),
                nonprod.sid("LogsProjectLogGroups").resources());
        assertEquals(List.of("arn:aws:s3:::gitlab-runner-cache-prod-*"), prod.sid("S3RunnerCacheBucket").resources());
    }

    @Test
    void natCreateAndDeleteWithSingleAndPerAz() {
        for (Stack stack : List.of(nonprod, prod)) {
            assertTrue(stack.sid("Ec2CreateTaggedResources").actions().containsAll(List.of("ec2:CreateNatGateway", "ec2:AllocateAddress")));
            assertTrue(stack.sid("Ec2ChangeStackResources").actions().containsAll(DeployerPolicy.NAT_TEARDOWN_ACTIONS));
            assertTrue(stack.find("Ec2ParkedNatTeardown").isEmpty(), stack.sids().toString());
        }
        assertEquals("single", nonprod.settings().natGateway().configValue());
        assertEquals("perAz", prod.settings().natGateway().configValue());
    }

    @Test
    void parkedStackCreatesNoNatButCanStillTearOneDown() {
        Stack parked = fromSettings("nonprod", Map.of("natGateway", "none"));
        Set<String> all = parked.allActions();
        assertFalse(all.contains("ec2:CreateNatGateway"), all.toString());
        assertFalse(all.contains("ec2:AllocateAddress"), all.toString());
        var teardown = parked.sid("Ec2ParkedNatTeardown");
        // The public route through the internet gateway stays, so DeleteRoute comes with it.
        assertEquals(List.of("ec2:DeleteNatGateway", "ec2:DisassociateAddress", "ec2:ReleaseAddress"), teardown.actions());
        assertEquals(Map.of("StringEquals", OWNED_NONPROD), teardown.condition());
        assertTrue(parked.sid("ReadOnlyDiscovery").actions().containsAll(List.of("ec2:DescribeNatGateways", "ec2:DescribeAddresses")));
        assertTrue(parked.find("Ec2DisassociateNatAddress").isPresent());

        Stack noPublic = fromSettings("nonprod", Map.of("natGateway", "none", "publicSubnetCidrs", "[]"));
        assertTrue(noPublic.plan().ofType(ResourceKind.ROUTE.type()).isEmpty());
        assertEquals(List.of("ec2:DeleteNatGateway", "ec2:DisassociateAddress", "ec2:ReleaseAddress", "ec2:DeleteRoute"),
                noPublic.sid("Ec2ParkedNatTeardown").actions());
    }

    @Test
    void secretsManagerOnlyWithRunnerTokenSecretNameAndOnlyThatSecret() {
        assertEquals(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"),
                nonprod.sid("SecretsManagerReadRunnerToken").actions());
        assertEquals(List.of("arn:aws:secretsmanager:us-west-2:" + ACCOUNT + ":secret:GitLabRunnerToken-??????"),
                nonprod.sid("SecretsManagerReadRunnerToken").resources());
        assertEquals(List.of("arn:aws:secretsmanager:us-west-2:" + ACCOUNT + ":secret:prod/GitLabRunnerToken-??????"),
                prod.sid("SecretsManagerReadRunnerToken").resources());

        Stack inline = fromSettings("nonprod", Map.of());
        assertTrue(inline.find("SecretsManagerReadRunnerToken").isEmpty(), inline.sids().toString());
        assertTrue(inline.allActions().stream().noneMatch(a -> a.startsWith("secretsmanager:")));
    }

    @Test
    void cacheBucketNoneNeedsNoS3() {
        Stack noCache = fromSettings("nonprod", Map.of("cacheBucket", "none"));
        assertTrue(noCache.allActions().stream().noneMatch(a -> a.startsWith("s3:")), noCache.allActions().toString());
    }

    @Test
    void everyResourceTypeOfBothStacksIsCovered() {
        for (Stack stack : List.of(nonprod, prod)) {
            Set<String> uncovered = new TreeSet<>();
            for (PlannedResource r : stack.plan().resources()) {
                if (!ResourceKind.covers(r)) {
                    uncovered.add(r.type());
                }
            }
            assertEquals(Set.of(), uncovered, "resource types of " + stack.settings().stack()
                    + " the deployer policy does not cover; add them to ResourceKind and DeployerPolicy");
        }
    }

    @Test
    void theHardeningTypesAreMappedBeforeTheProgramCreatesThem() {
        for (String type : List.of("aws:kms/key:Key", "aws:kms/alias:Alias", "aws:ec2/flowLog:FlowLog",
                "aws:cloudwatch/logGroup:LogGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:iam/role:Role")) {
            assertTrue(ResourceKind.ofType(type).isPresent(), type);
        }
    }

    @Test
    void anUnknownTypeStopsThePolicy() {
        List<PlannedResource> resources = new ArrayList<>(nonprod.plan().resources());
        resources.add(resource("aws:ec2/instance:Instance", "nonprod-bastion", Map.of()));
        PlanResult plan = new PlanResult("gitlab-runner-fargate", "nonprod", "us-west-2", resources, Map.of(), List.of(), List.of());
        var e = assertThrows(IllegalStateException.class, () -> DeployerPolicy.statements(plan, nonprod.settings()));
        assertEquals("the deployer policy does not cover resource type(s) [aws:ec2/instance:Instance]; add them to "
                + "io.runnerfargate.iam.ResourceKind and DeployerPolicy", e.getMessage());
    }

    @Test
    void hardeningTypesGetTheirStatements() {
        // The program's own KMS key and alias, flow log and its group, and the default security group.
        var stack = nonprod;
        for (String type : List.of("aws:kms/key:Key", "aws:kms/alias:Alias", "aws:ec2/flowLog:FlowLog",
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")) {
            assertFalse(stack.plan().ofType(type).isEmpty(), type);
        }
        assertEquals(List.of("*"), stack.sid("KmsCreateKey").resources());
        assertEquals(Map.of("StringEquals", Map.of("aws:RequestTag/Project", "gitlab-runner-fargate",
                "aws:RequestTag/Environment", "nonprod")), stack.sid("KmsCreateKey").condition());
        assertEquals(List.of("arn:aws:kms:us-west-2:" + ACCOUNT + ":key/*"), stack.sid("KmsManageStackKeys").resources());
        assertEquals(Map.of("StringEquals", OWNED_NONPROD), stack.sid("KmsManageStackKeys").condition());
        assertTrue(stack.sid("KmsManageStackKeys").actions().contains("kms:ScheduleKeyDeletion"));
        assertEquals(Map.of("StringEquals", OWNED_NONPROD, "Bool", Map.of("kms:GrantIsForAWSResource", "true")),
                stack.sid("KmsGrantToEks").condition());
        assertEquals(List.of("arn:aws:kms:us-west-2:" + ACCOUNT + ":alias/nonprod-eks-cluster"),
                stack.sid("KmsProjectAliases").resources());
        assertTrue(stack.sid("EksCluster").actions().contains("eks:AssociateEncryptionConfig"));
        assertTrue(stack.sid("Ec2CreateTaggedResources").actions().contains("ec2:CreateFlowLogs"));
        assertTrue(stack.sid("Ec2ChangeStackResources").actions().containsAll(List.of("ec2:DeleteFlowLogs",
                "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress")));
        assertEquals(List.of("arn:aws:ec2:us-west-2:" + ACCOUNT + ":security-group/*"),
                stack.sid("Ec2TagDefaultSecurityGroup").resources());
        assertEquals(Map.of("StringEquals", Map.of("iam:PassedToService",
                List.of("eks.amazonaws.com", "eks-fargate-pods.amazonaws.com", "vpc-flow-logs.amazonaws.com"))),
                stack.sid("IamPassStackRolesToServices").condition());
        assertEquals(List.of("arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/vpc/nonprod-flow-logs",
                "arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/vpc/nonprod-flow-logs:*",
                "arn:aws:logs:us-west-2:" + ACCOUNT + ":log-group:/aws/eks/nonprod-eks-cluster/*"),
                stack.sid("LogsProjectLogGroups").resources());
        assertTrue(stack.sid("ReadOnlyDiscovery").actions().containsAll(List.of("ec2:DescribeFlowLogs", "kms:ListAliases",
                "ec2:DescribeSecurityGroupRules")));
        checkInvariants(stack.statements());
        for (Map<String, Object> part : DeployerPolicy.parts(stack.plan(), nonprod.settings())) {
            assertTrue(DeployerPolicy.size(part) <= DeployerPolicy.MANAGED_POLICY_MAX_CHARS);
        }
    }

    @Test
    void noWildcardActionsAndStarResourcesOnlyForCallsWithoutResources() {
        checkInvariants(nonprod.statements());
        checkInvariants(prod.statements());
        checkInvariants(fromSettings("nonprod", Map.of("natGateway", "none")).statements());
    }

    private static void checkInvariants(List<PolicyStatement> statements) {
        Set<String> sids = new LinkedHashSet<>();
        for (PolicyStatement s : statements) {
            assertTrue(sids.add(s.sid()), "Sid " + s.sid() + " twice");
            assertTrue(s.sid().matches("[A-Za-z0-9]+"), s.sid());
            for (String action : s.actions()) {
                // service:Name, no "*" anywhere: neither "*", "svc:*" nor a prefix such as "ec2:Describe*".
                assertTrue(action.matches("[a-z0-9-]+:[A-Za-z0-9]+"), s.sid() + ": " + action);
            }
            if (s.resources().contains("*")) {
                assertEquals(List.of("*"), s.resources(), s.sid());
                for (String action : s.actions()) {
                    assertTrue(STAR_ALLOWED.contains(action), s.sid() + " grants " + action + " on *");
                }
            }
            for (String resource : s.resources()) {
                assertFalse(resource.matches("arn:[^:]+:[^:]+:[^:]*:\\d{12}:.*"), "a literal account id in " + resource);
            }
        }
    }

    @Test
    void jsonParsesWithVersionAndThePartsAddUpToTheWhole() throws Exception {
        for (Stack stack : List.of(nonprod, prod)) {
            JsonNode doc = new ObjectMapper().readTree(DeployerPolicy.json(stack.plan(), stack.settings()));
            assertEquals("2012-10-17", doc.get("Version").asText());
            assertEquals(stack.statements().size(), doc.get("Statement").size());
            for (JsonNode statement : doc.get("Statement")) {
                assertEquals("Allow", statement.get("Effect").asText());
                assertTrue(statement.get("Action").isArray());
            }
            List<Map<String, Object>> parts = DeployerPolicy.parts(stack.plan(), stack.settings());
            assertEquals(2, parts.size(), "parts of " + stack.settings().stack());
            List<Object> joined = new ArrayList<>();
            for (Map<String, Object> part : parts) {
                assertTrue(DeployerPolicy.size(part) <= DeployerPolicy.MANAGED_POLICY_MAX_CHARS, DeployerPolicy.size(part) + "");
                assertEquals("2012-10-17", part.get("Version"));
                joined.addAll((List<?>) part.get("Statement"));
            }
            assertEquals(DeployerPolicy.document(stack.plan(), stack.settings()).get("Statement"), joined);
        }
    }

    private static PlannedResource resource(String type, String name, Map<String, Object> inputs) {
        return new PlannedResource(type, name, null, true, inputs, List.of(), false, false);
    }
}
