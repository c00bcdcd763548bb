package io.runnerfargate.config;

import static io.runnerfargate.TestStacks.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.TestStacks;
import io.runnerfargate.network.Ipv4Cidr;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StackSettingsTest {

    private static List<String> errors(Map<String, String> projectKeys) {
        var e = assertThrows(InvalidSettingsException.class, () -> TestStacks.settings("nonprod", projectKeys));
        return e.errors().stream().map(Object::toString).toList();
    }

    private static Map<String, String> keys(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void defaultsReproduceTheHandBuiltSetup() {
        StackSettings s = TestStacks.nonprod();
        assertEquals(Ipv4Cidr.parse("10.0.0.0/16"), s.vpcCidr());
        assertEquals(List.of("10.0.1.0/24", "10.0.2.0/24"), s.privateSubnetCidrs().stream().map(Object::toString).toList());
        assertEquals(List.of("10.0.3.0/24"), s.publicSubnetCidrs().stream().map(Object::toString).toList());
        assertEquals(NatMode.SINGLE, s.natGateway());
        assertEquals("nonprod-eks-cluster", s.clusterName());
        assertEquals("1.35", s.kubernetesVersion());
        assertEquals("https://gitlab.com/", s.gitlabUrl());
        assertEquals("gitlab-runner", s.runnerNamespace());
        assertEquals("gitlab-runner", s.jobNamespace());
        assertEquals(10, s.concurrent());
        assertEquals("0.86.0", s.chartVersion());
        assertEquals(Map.of("Environment", "nonprod", "Project", PROJECT, "ManagedBy", "pulumi"), s.resourceTags());
        var token = assertInstanceOf(RunnerTokenSource.StackSecret.class, s.runnerToken());
        assertEquals(TestStacks.TOKEN, token.token().reveal());
    }

    @Test
    void settingsNeverPrintTheToken() {
        assertFalse(TestStacks.nonprod().toString().contains(TestStacks.TOKEN));
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of("subnet outside the VPC", keys("privateSubnetCidrs", "[\"10.0.1.0/24\",\"10.9.2.0/24\"]"),
                        "privateSubnetCidrs[1]: \"10.9.2.0/24\" is not inside vpcCidr 10.0.0.0/16; every subnet must lie inside the VPC block"),
                Arguments.of("overlapping subnets", keys("publicSubnetCidrs", "[\"10.0.2.0/23\"]"),
                        "publicSubnetCidrs[0]: \"10.0.2.0/23\" overlaps privateSubnetCidrs[1] \"10.0.2.0/24\"; subnets must not overlap"),
                Arguments.of("one private subnet", keys("privateSubnetCidrs", "[\"10.0.1.0/24\"]", "availabilityZones", "[\"us-west-2a\"]"),
                        "privateSubnetCidrs: has 1 subnet(s); EKS needs at least two private subnets in different Availability Zones, e.g. [\"10.0.1.0/24\", \"10.0.2.0/24\"]"),
                Arguments.of("AZ count", keys("availabilityZones", "[\"us-west-2a\"]"),
                        "availabilityZones: [us-west-2a] names 1 zone(s) for 2 private subnets; name one AZ per private subnet, in the same order"),
                Arguments.of("repeated AZ", keys("availabilityZones", "[\"us-west-2a\",\"us-west-2a\"]"),
                        "availabilityZones: [us-west-2a, us-west-2a] repeats a zone; EKS needs its subnets in different Availability Zones"),
                Arguments.of("perAz with one public subnet", keys("natGateway", "perAz"),
                        "publicSubnetCidrs: has 1 subnet(s); natGateway=perAz needs one public subnet per private subnet (2)"),
                Arguments.of("single without public subnet", keys("publicSubnetCidrs", "[]"),
                        "publicSubnetCidrs: is empty; natGateway=single needs one public subnet for the NAT gateway, e.g. [\"10.0.3.0/24\"]"),
                Arguments.of("unknown NAT mode", keys("natGateway", "per-az"),
                        "natGateway: \"per-az\" is not a NAT mode; use one of single, perAz, none"),
                Arguments.of("NAT mode in the wrong case", keys("natGateway", "perAZ"),
                        "natGateway: \"perAZ\" is not a NAT mode (did you mean perAz?); use one of single, perAz, none"),
                Arguments.of("bad cluster name", keys("clusterName", "-runners"),
                        "clusterName: \"-runners\" is not a valid EKS cluster name; use 1 to 100 letters, digits, - and _, starting with a letter or digit"),
                Arguments.of("bad namespace", keys("runnerNamespace", "GitLab_Runner"),
                        "runnerNamespace: \"GitLab_Runner\" is not a Kubernetes namespace name; use at most 63 lowercase letters, digits and -, starting and ending with a letter or digit"),
                Arguments.of("reserved namespace", keys("jobNamespace", "kube-system"),
                        "jobNamespace: \"kube-system\" is reserved for the cluster itself; use a namespace of the runner's own, e.g. gitlab-runner"),
                Arguments.of("both token sources", keys("runnerTokenSecretName", "GitLabRunnerToken"),
                        "runnerToken: is set together with runnerTokenSecretName; keep exactly one source for the runner token"),
                Arguments.of("no token source", keys("runnerToken", null),
                        "runnerToken: is not set; set the runner token with `pulumi config set --secret runnerToken glrt-...`, or name an AWS Secrets Manager secret with runnerTokenSecretName"),
                Arguments.of("non-boolean true", keys("endpointPublicAccess", "ture"),
                        "endpointPublicAccess: \"ture\" is not a boolean; use true or false"),
                Arguments.of("malformed CIDR", keys("vpcCidr", "10.0.0.0/8"),
                        "vpcCidr: \"10.0.0.0/8\" is a /8; AWS allows VPC blocks from /16 to /28"),
                Arguments.of("host bits", keys("vpcCidr", "10.0.0.1/16"),
                        "vpcCidr: \"10.0.0.1/16\" has host bits set; the block is 10.0.0.0/16, e.g. 10.0.0.0/16"),
                Arguments.of("list given as text", keys("privateSubnetCidrs", "10.0.1.0/24,10.0.2.0/24"),
                        "privateSubnetCidrs: \"10.0.1.0/24,10.0.2.0/24\" is not a list; write it as a YAML list in the stack file, e.g. [\"10.0.1.0/24\", \"10.0.2.0/24\"]"),
                Arguments.of("concurrent out of range", keys("concurrent", "0"),
                        "concurrent: 0 is out of range; use a whole number from 1 to 200"),
                Arguments.of("concurrent not a number", keys("concurrent", "ten"),
                        "concurrent: \"ten\" is not a whole number; use one from 1 to 200"),
                Arguments.of("unknown EKS version", keys("kubernetesVersion", "1.29"),
                        "kubernetesVersion: \"1.29\" is not an EKS version this program supports; use one of 1.32, 1.33, 1.34, 1.35, 1.36"),
                Arguments.of("admin ARN", keys("adminPrincipalArns", "[\"arn:aws:sts::123456789012:assumed-role/Admin/me\"]"),
                        "adminPrincipalArns: \"arn:aws:sts::123456789012:assumed-role/Admin/me\" is not an IAM user or role ARN such as arn:aws:iam::123456789012:role/PlatformAdmin (for an assumed-role session, give the role's ARN)"),
                Arguments.of("gitlab URL", keys("gitlabUrl", "gitlab.example.com"),
                        "gitlabUrl: \"gitlab.example.com\" is not an http(s) URL of a GitLab instance, e.g. https://gitlab.com/"),
                Arguments.of("reserved tag", keys("tags", "{\"Environment\":\"x\"}"),
                        "tags.Environment: is set by the program on every resource; choose another tag name"),
                Arguments.of("misspelt key", keys("natGateways", "single"),
                        "natGateways: is not a setting of this project (did you mean natGateway?); the settings are listed in Pulumi.yaml and the README"),
                Arguments.of("AZ of another region", keys("availabilityZones", "[\"us-east-1a\",\"us-east-1b\"]"),
                        "availabilityZones: \"us-east-1a\" is not a zone of region us-west-2"),
                Arguments.of("log retention CloudWatch lacks", keys("logRetentionDays", "8"),
                        "logRetentionDays: 8 is not a retention CloudWatch offers; use one of [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]"),
                Arguments.of("poll timeout below the runner's default", keys("pollTimeoutSeconds", "60"),
                        "pollTimeoutSeconds: 60 is out of range; use a whole number from 180 to 3600"),
                Arguments.of("CPU quantity", keys("managerCpu", "fast"),
                        "managerCpu: \"fast\" is not a Kubernetes CPU quantity such as 250m or 2"),
                Arguments.of("zero memory", keys("helperMemory", "0Mi"),
                        "helperMemory: \"0Mi\" is zero; Fargate sizes the pod from it, give a positive amount"),
                Arguments.of("unknown log type", keys("controlPlaneLogTypes", "[\"kubelet\"]"),
                        "controlPlaneLogTypes: \"kubelet\" is not an EKS log type; use some of [api, audit, authenticator, controllerManager, scheduler]"),
                Arguments.of("boolean written as no", keys("secretsEncryption", "no"),
                        "secretsEncryption: \"no\" is not a boolean; use true or false"),
                Arguments.of("boolean written as 1", keys("runUntagged", "1"),
                        "runUntagged: \"1\" is not a boolean; use true or false"),
                Arguments.of("tags as a list", keys("tags", "[\"CostCenter\"]"),
                        "tags: \"[\"CostCenter\"]\" is not a map of names to values; e.g. {\"CostCenter\": \"platform\"}"),
                Arguments.of("secret name", keys("runnerToken", null, "runnerTokenSecretName", "my token!"),
                        "runnerTokenSecretName: \"my token!\" is not a Secrets Manager secret name (1 to 512 of letters, digits and /_+=.@-) or ARN"),
                Arguments.of("region", keys(StackSettings.REGION_KEY, "oregon"),
                        "aws:region: \"oregon\" is not an AWS region name such as us-west-2"),
                Arguments.of("access CIDR", keys("publicAccessCidrs", "[\"203.0.113.7\"]"),
                        "publicAccessCidrs: \"203.0.113.7\" is not an IPv4 CIDR block of the form a.b.c.d/n, e.g. 10.0.0.0/16"),
                Arguments.of("chart version", keys("chartVersion", "latest"),
                        "chartVersion: \"latest\" is not a chart version such as 0.86.0"),
                Arguments.of("empty private subnet list", keys("privateSubnetCidrs", "[]", "availabilityZones", "[]"),
                        "privateSubnetCidrs: has 0 subnet(s); EKS needs at least two private subnets in different Availability Zones, e.g. [\"10.0.1.0/24\", \"10.0.2.0/24\"]"),
                Arguments.of("empty list item", keys("adminPrincipalArns", "[\"\"]"),
                        "adminPrincipalArns: has the item \"\", which is not a non-empty string; e.g. [\"arn:aws:iam::123456789012:role/PlatformAdmin\"]"),
                Arguments.of("near-miss key", keys("vpcCIDR", "10.0.0.0/16"),
                        "vpcCIDR: is not a setting of this project (did you mean vpcCidr?); the settings are listed in Pulumi.yaml and the README"),
                Arguments.of("runner tags with a token from Secrets Manager", keys("runnerToken", null,
                                "runnerTokenSecretName", "GitLabRunnerToken", "runnerTags", "[\"fargate\"]"),
                        "runnerTags: goes only with a legacy registration token, and a token read from Secrets Manager at deploy"
                                + " time cannot be checked before resources are created; give a legacy token as runnerToken, or set"
                                + " runnerTags in GitLab for a glrt- token"),
                Arguments.of("relaxation without a reason", keys("secretsEncryption", "false"),
                        "securityRelaxationReason: is not set, but secretsEncryption is false; say why in securityRelaxationReason, or turn the controls back on"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void eachInvalidSettingGetsItsExactErrorAndRegistersNothing(String what, Map<String, String> keys, String expected) {
        List<String> errors = errors(keys);
        assertEquals(expected, errors.get(0), "all errors: " + errors);
        // The plan of the same settings lists the error and no resource at all.
        Map<String, String> config = TestStacks.config(keys);
        var plan = io.runnerfargate.plan.OfflinePlan.run(new io.runnerfargate.plan.StackFiles(PROJECT, "nonprod", config,
                config.containsKey(PROJECT + ":runnerToken") ? Set.of(PROJECT + ":runnerToken") : Set.of(), List.of()), TestStacks.DAY);
        assertEquals(List.of(), plan.resources());
        assertEquals(errors, plan.errors());
    }

    @Test
    void thereAreAtLeastTwentyFiveDistinctBadInputs() {
        assertTrue(invalidSettings().count() >= 25);
    }

    @Test
    void everyProblemIsReportedTogether() {
        List<String> errors = errors(keys("vpcCidr", "10.0.0.0/16", "privateSubnetCidrs", "[\"10.1.1.0/24\",\"10.0.2.0/24\"]",
                "natGateway", "double", "clusterName", "my cluster", "endpointPublicAccess", "yes"));
        assertEquals(List.of(
                "natGateway: \"double\" is not a NAT mode; use one of single, perAz, none",
                "privateSubnetCidrs[0]: \"10.1.1.0/24\" is not inside vpcCidr 10.0.0.0/16; every subnet must lie inside the VPC block",
                "clusterName: \"my cluster\" is not a valid EKS cluster name; use 1 to 100 letters, digits, - and _, starting with a letter or digit",
                "endpointPublicAccess: \"yes\" is not a boolean; use true or false"), errors);
    }

    @Test
    void aPlainTextTokenIsRefused() {
        var e = assertThrows(InvalidSettingsException.class, () -> StackSettings.parse(PROJECT, "nonprod",
                TestStacks.config(Map.of()), Set.of()));
        assertEquals("runnerToken: is stored in plain text; set it as a secret: pulumi config set --secret runnerToken <token>",
                e.errors().get(0).toString());
    }

    @Test
    void secretsManagerSourceAndOwnTags() {
        StackSettings s = TestStacks.settings("prod", keys("runnerToken", null, "runnerTokenSecretName", "prod/GitLabRunnerToken",
                "tags", "{\"CostCenter\":\"platform\"}", "jobNamespace", "gitlab-runner-jobs"));
        assertEquals(new RunnerTokenSource.SecretsManager("prod/GitLabRunnerToken"), s.runnerToken());
        assertEquals(List.of("Environment", "Project", "ManagedBy", "CostCenter"), List.copyOf(s.resourceTags().keySet()));
        assertEquals(List.of("gitlab-runner", "gitlab-runner-jobs"), s.runnerNamespaces());
    }
}
