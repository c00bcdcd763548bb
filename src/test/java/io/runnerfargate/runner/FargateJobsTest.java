package io.runnerfargate.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnerfargate.TestStacks;
import io.runnerfargate.cluster.FargateLogging;
import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.config.RunnerTokenSource;
import io.runnerfargate.plan.FargatePods;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Job sizing, logging, cache and token handling: what decides whether jobs start and finish on Fargate. */
class FargateJobsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String firstError(Map<String, String> keys) {
        var e = assertThrows(InvalidSettingsException.class, () -> TestStacks.settings("nonprod", keys));
        return e.errors().get(0).toString();
    }

    @Test
    void jobPodsLargerThanAnyFargateSizeAreRejected() {
        assertEquals("buildCpu: a job pod (build + helper) requests 20.25 vCPU / 3.25 GB, larger than any Fargate size"
                + " (at most 16 vCPU / 120 GB including Fargate's 256 MB); lower buildCpu/buildMemory or the helper and service sizes",
                firstError(Map.of("buildCpu", "20")));
        assertEquals("buildCpu: a job pod (build + helper) requests 16.25 vCPU / 128.25 GB, larger than any Fargate size"
                + " (at most 16 vCPU / 120 GB including Fargate's 256 MB); lower buildCpu/buildMemory or the helper and service sizes",
                firstError(Map.of("buildCpu", "16", "buildMemory", "128Gi")));
        assertEquals("buildMemory: a job pod (build + helper) requests 1.75 vCPU / 200.25 GB, larger than any Fargate size"
                + " (at most 16 vCPU / 120 GB including Fargate's 256 MB); lower buildCpu/buildMemory or the helper and service sizes",
                firstError(Map.of("buildMemory", "200Gi")));
        assertEquals("buildMemory: \"lots\" is not a Kubernetes quantity such as 512Mi or 3Gi", firstError(Map.of("buildMemory", "lots")));
    }

    @Test
    void thePlanShowsEachPodsBilledFargateSize() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        List<String> pods = FargatePods.of(plan.resources()).stream()
                .map(p -> p.pod() + ": " + p.requests() + " -> " + p.billed()).toList();
        assertEquals(List.of(
                "runner manager: 0.25 vCPU / 0.25 GB -> 0.25 vCPU / 0.5 GB",
                "job pod (build + helper): 1.75 vCPU / 3.25 GB -> 2 vCPU / 4 GB",
                "job pod with one service: 2 vCPU / 3.75 GB -> 2 vCPU / 4 GB"), pods);
    }

    @Test
    void managerPodRequestsEqualLimits() {
        PlannedResource release = TestStacks.plan("nonprod", Map.of("managerCpu", "500m", "managerMemory", "1Gi")).require("nonprod-gitlab-runner");
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), release.input("values", "resources", "requests"));
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), release.input("values", "resources", "limits"));
        assertEquals(3L, release.input("values", "checkInterval"));
    }

    @Test
    void fargateLoggingNamespaceConfigMapAndLogGroupComeBeforeTheRunner() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of("logRetentionDays", "14"));
        PlannedResource ns = plan.require("nonprod-ns-aws-observability");
        assertEquals("aws-observability", ns.input("metadata", "name"));
        assertEquals(Map.of("aws-observability", "enabled"), ns.input("metadata", "labels"));
        PlannedResource configMap = plan.require("nonprod-aws-logging");
        assertEquals("aws-logging", configMap.input("metadata", "name"));
        assertEquals("aws-observability", configMap.input("metadata", "namespace"));
        assertEquals(FargateLogging.configMapData("us-west-2", "nonprod-eks-cluster"), configMap.input("data"));
        assertTrue(((String) configMap.input("data", "output.conf")).contains("log_group_name    /aws/eks/nonprod-eks-cluster/fargate\n"));
        assertEquals("/aws/eks/nonprod-eks-cluster/fargate", plan.require("nonprod-fargate-logs").input("name"));
        assertEquals(14L, plan.require("nonprod-fargate-logs").input("retentionInDays"));
        assertEquals(14L, plan.require("nonprod-control-plane-logs").input("retentionInDays"));
        assertTrue(plan.require("nonprod-gitlab-runner").dependsOn().contains("nonprod-aws-logging"));
        assertTrue(plan.require("nonprod-ns-gitlab-runner").dependsOn().contains("nonprod-aws-logging"));
        assertEquals(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"), plan.require("nonprod-eks").input("enabledClusterLogTypes"));
        assertEquals(List.of("nonprod-cluster-kms", "nonprod-cluster-policy", "nonprod-control-plane-logs"), plan.require("nonprod-eks").dependsOn());
    }

    @Test
    void loggingConfigMapStaysWithinEksLimits() {
        var data = FargateLogging.configMapData("us-west-2", "x".repeat(100));
        assertTrue(data.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum() <= 5300);
        assertEquals("aws-logging section [INPUT] is not allowed; only [FILTER, OUTPUT, PARSER]",
                assertThrows(IllegalArgumentException.class, () -> FargateLogging.check(Map.of("output.conf", "[INPUT]\n"))).getMessage());
        assertEquals("aws-logging has 5318 characters; EKS reads at most 5300",
                assertThrows(IllegalArgumentException.class, () -> FargateLogging.check(Map.of("output.conf", "x".repeat(5307)))).getMessage());
    }

    @Test
    void podExecutionRoleMayWriteOnlyItsLogGroup() throws Exception {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        JsonNode policy = JSON.readTree((String) plan.require("nonprod-pod-execution-logs").input("policy"));
        JsonNode statement = policy.get("Statement").get(0);
        assertEquals(List.of("logs:CreateLogStream", "logs:CreateLogGroup", "logs:DescribeLogStreams", "logs:PutLogEvents",
                "logs:PutRetentionPolicy"), JSON.convertValue(statement.get("Action"), List.class));
        String group = "arn:aws:logs:us-west-2:123456789012:log-group:/aws/eks/nonprod-eks-cluster/fargate";
        assertEquals(List.of(group, group + ":*"), JSON.convertValue(statement.get("Resource"), List.class));
    }

    @Test
    void cacheRoleTrustsOnlyTheRunnersServiceAccountAndReachesOnlyItsBucket() throws Exception {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        String issuerHost = "oidc.eks.us-west-2.amazonaws.com/id/6E6F6E70726F642D656B732D636C7573";
        PlannedResource role = plan.require("nonprod-runner-cache-role");
        JsonNode statement = JSON.readTree((String) role.input("assumeRolePolicy")).get("Statement").get(0);
        assertEquals("arn:aws:iam::123456789012:oidc-provider/" + issuerHost, statement.get("Principal").get("Federated").asText());
        assertEquals("sts:AssumeRoleWithWebIdentity", statement.get("Action").asText());
        assertEquals("system:serviceaccount:gitlab-runner:gitlab-runner",
                statement.get("Condition").get("StringEquals").get(issuerHost + ":sub").asText());
        assertEquals("sts.amazonaws.com", statement.get("Condition").get("StringEquals").get(issuerHost + ":aud").asText());

        String bucket = "gitlab-runner-cache-nonprod-123456789012-us-west-2";
        assertEquals(bucket, plan.require("nonprod-runner-cache").input("bucket"));
        assertEquals(true, plan.require("nonprod-runner-cache-private").input("restrictPublicBuckets"));
        JsonNode access = JSON.readTree((String) plan.require("nonprod-runner-cache-access").input("policy")).get("Statement");
        assertEquals("arn:aws:s3:::" + bucket, access.get(0).get("Resource").asText());
        assertEquals("arn:aws:s3:::" + bucket + "/*", access.get(1).get("Resource").asText());
        assertEquals("arn:aws:iam::123456789012:role/nonprod-runner-cache-role",
                plan.require("nonprod-gitlab-runner").input("values", "serviceAccount", "annotations", "eks.amazonaws.com/role-arn"));
        assertEquals("https://" + issuerHost, plan.require("nonprod-oidc").input("url"));
        assertEquals(List.of("sts.amazonaws.com"), plan.require("nonprod-oidc").input("clientIdLists"));
    }

    @Test
    void anExistingBucketGetsARoleButNoNewBucketAndNoneGetsNeither() {
        PlanResult existing = TestStacks.plan("nonprod", Map.of("cacheBucket", "team-ci-cache"));
        assertTrue(existing.named("nonprod-runner-cache").isEmpty());
        assertTrue(((String) existing.require("nonprod-gitlab-runner").input("values", "runners", "config"))
                .contains("BucketName = 'team-ci-cache'"));
        PlanResult none = TestStacks.plan("nonprod", Map.of("cacheBucket", "none"));
        assertTrue(none.named("nonprod-runner-cache-role").isEmpty());
        assertFalse(((String) none.require("nonprod-gitlab-runner").input("values", "runners", "config")).contains("[runners.cache]"));
        assertEquals("cacheBucket: \"Team_Cache\" is neither create, none nor an S3 bucket name (3 to 63 lowercase letters,"
                + " digits and -, starting and ending with a letter or digit)", firstError(Map.of("cacheBucket", "Team_Cache")));
    }

    @Test
    void aTokenWithATrailingNewlineIsStoredWithoutIt() {
        var settings = TestStacks.settings("nonprod", Map.of("runnerToken", TestStacks.TOKEN + "\n"));
        assertEquals(TestStacks.TOKEN, ((RunnerTokenSource.StackSecret) settings.runnerToken()).token().reveal());
        assertEquals(List.of(), settings.warnings());
    }

    @Test
    void registrationOnlySettingsWithAGlrtTokenSayTheyAreSetInGitLab() {
        var e = assertThrows(InvalidSettingsException.class, () -> TestStacks.settings("nonprod",
                Map.of("runnerTags", "[\"fargate\"]", "runnerLocked", "true")));
        assertEquals(List.of(
                "runnerTags: is set in GitLab for a glrt- runner authentication token (the runner's page under Settings > CI/CD > Runners),"
                        + " not here; passing it makes registration fail. Remove runnerTags",
                "runnerLocked: is set in GitLab for a glrt- runner authentication token (the runner's page under Settings > CI/CD > Runners),"
                        + " not here; passing it makes registration fail. Remove runnerLocked"),
                e.errors().stream().map(Object::toString).toList());
    }

    @Test
    void aLegacyRegistrationTokenStillWorksWithAWarning() {
        Map<String, String> keys = new HashMap<>(Map.of("runnerToken", "GR1348941legacyregistration", "runnerTags", "[\"fargate\",\"aws\"]"));
        var settings = TestStacks.settings("nonprod", keys);
        assertEquals(List.of("runnerToken is a legacy registration token; GitLab is removing registration tokens (announced for 20.0)."
                + " Create a runner in GitLab and use its glrt- authentication token."), settings.warnings());
        PlanResult plan = TestStacks.plan("nonprod", keys);
        assertEquals("fargate,aws", plan.require("nonprod-gitlab-runner").input("values", "runners", "tags"));
        assertTrue(plan.notes().contains("warning: " + settings.warnings().get(0)));
    }
}
