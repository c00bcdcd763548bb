package io.runnerfargate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnerfargate.TestStacks;
import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import io.runnerfargate.plan.SecurityReview;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityControlsTest {

    private static List<String> errors(String stack, Map<String, String> keys) {
        var e = assertThrows(InvalidSettingsException.class, () -> TestStacks.settings(stack, keys));
        return e.errors().stream().map(Object::toString).toList();
    }

    @Test
    void prodPassesEveryRule() {
        PlanResult plan = TestStacks.plan("prod", Map.of());
        assertEquals(12, plan.security().size());
        plan.security().forEach(rule -> assertEquals(SecurityReview.Status.PASS, rule.status(), rule.toString()));
    }

    @Test
    void eachControlIsInThePlan() throws Exception {
        PlanResult plan = TestStacks.plan("prod", Map.of());
        PlannedResource key = plan.require("prod-key");
        assertEquals(true, key.input("enableKeyRotation"));
        assertEquals("alias/prod-eks-cluster", plan.require("prod-key-alias").input("name"));
        String keyArn = "arn:aws:kms:us-west-2:123456789012:key/prod-key-id";
        assertEquals(Map.of("provider", Map.of("keyArn", keyArn), "resources", List.of("secrets")), plan.require("prod-eks").input("encryptionConfig"));
        for (PlannedResource group : plan.ofType("aws:cloudwatch/logGroup:LogGroup")) {
            assertEquals(keyArn, group.input("kmsKeyId"), group.name());
            assertEquals(7L, group.input("retentionInDays"), group.name());
        }
        assertEquals(List.of("prod-control-plane-logs", "prod-fargate-logs", "prod-flow-logs"),
                plan.ofType("aws:cloudwatch/logGroup:LogGroup").stream().map(PlannedResource::name).sorted().toList());
        PlannedResource flowLog = plan.require("prod-flow-log");
        assertEquals("prod-vpc-id", flowLog.input("vpcId"));
        assertEquals("ALL", flowLog.input("trafficType"));
        assertEquals("arn:aws:iam::123456789012:role/prod-flow-logs-role", flowLog.input("iamRoleArn"));
        var trust = new ObjectMapper().readTree((String) plan.require("prod-flow-logs-role").input("assumeRolePolicy")).get("Statement").get(0);
        assertEquals("vpc-flow-logs.amazonaws.com", trust.get("Principal").get("Service").asText());
        assertEquals("123456789012", trust.get("Condition").get("StringEquals").get("aws:SourceAccount").asText());
        PlannedResource defaultGroup = plan.require("prod-default-sg");
        assertEquals("prod-vpc-id", defaultGroup.input("vpcId"));
        assertEquals(null, defaultGroup.input("ingress"));
        assertEquals(null, defaultGroup.input("egress"));
        assertEquals(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"),
                plan.require("prod-eks").input("enabledClusterLogTypes"));
    }

    @Test
    void prodProtectsTheVpcAndTheClusterAndNonprodDoesNot() {
        PlanResult prod = TestStacks.plan("prod", Map.of());
        assertEquals(List.of("prod-eks", "prod-vpc"), prod.resources().stream().filter(PlannedResource::protect)
                .map(PlannedResource::name).sorted().toList());
        PlanResult nonprod = TestStacks.plan("nonprod", Map.of());
        assertEquals(List.of(), nonprod.resources().stream().filter(PlannedResource::protect).map(PlannedResource::name).toList());
        PlanResult unprotected = TestStacks.plan("prod", Map.of("protectResources", "false"));
        assertEquals(List.of(), unprotected.resources().stream().filter(PlannedResource::protect).map(PlannedResource::name).toList());
    }

    @Test
    void productionRefusesAnOpenEndpointAndEveryRelaxation() {
        assertEquals(List.of(
                "secretsEncryption: is false, which production stacks may not do (production is true); turn the control back on",
                "flowLogs: is false, which production stacks may not do (production is true); turn the control back on",
                "controlPlaneLogTypes: leaves out [controllerManager, scheduler], which production stacks may not do (production is true); turn the control back on",
                "publicAccessCidrs: [0.0.0.0/0] opens the API endpoint to the internet (blocks wider than /8), which production"
                        + " stacks may not do (production is true); list your VPN and CI egress ranges, or set endpointPublicAccess to false"),
                errors("prod", Map.of("secretsEncryption", "false", "flowLogs", "false",
                        "controlPlaneLogTypes", "[\"api\",\"audit\",\"authenticator\"]", "publicAccessCidrs", "[\"0.0.0.0/0\"]")));
        // Two halves of the address space are the internet too.
        assertEquals(List.of("publicAccessCidrs: [0.0.0.0/1, 128.0.0.0/1] opens the API endpoint to the internet (blocks wider"
                        + " than /8), which production stacks may not do (production is true); list your VPN and CI egress ranges,"
                        + " or set endpointPublicAccess to false"),
                errors("prod", Map.of("publicAccessCidrs", "[\"0.0.0.0/1\",\"128.0.0.0/1\"]")));
        // A private-only endpoint needs no CIDRs.
        assertTrue(TestStacks.settings("prod", Map.of("endpointPublicAccess", "false", "publicAccessCidrs", "[\"0.0.0.0/0\"]"))
                .security().production());
    }

    @Test
    void nonprodMayRelaxOnlyWithAStatedReason() {
        assertEquals(List.of("securityRelaxationReason: is not set, but flowLogs is false; say why in securityRelaxationReason,"
                        + " or turn the controls back on"),
                errors("nonprod", Map.of("flowLogs", "false")));
        PlanResult plan = TestStacks.plan("nonprod", Map.of("flowLogs", "false", "securityRelaxationReason", "short-lived test VPC"));
        SecurityReview.Rule flow = plan.security().stream().filter(r -> r.checkov().equals("CKV2_AWS_11")).findFirst().orElseThrow();
        assertEquals(SecurityReview.Status.RELAXED, flow.status());
        assertEquals("the VPC has no flow log; stated reason: short-lived test VPC", flow.detail());
        assertTrue(plan.named("nonprod-flow-log").isEmpty());
    }

    @Test
    void theReviewReadsThePlanNotTheSettings() {
        assertEquals(List.of("securityRelaxationReason: is not set, but publicAccessCidrs opens the API endpoint to the internet"
                        + " ([0.0.0.0/0]); say why in securityRelaxationReason, or turn the controls back on"),
                errors("nonprod", Map.of("publicAccessCidrs", "[\"0.0.0.0/0\"]")));
        PlanResult open = TestStacks.plan("nonprod", Map.of("publicAccessCidrs", "[\"0.0.0.0/0\"]",
                "securityRelaxationReason", "laptop access"));
        SecurityReview.Rule endpoint = open.security().get(0);
        assertEquals("CKV_AWS_38, CKV_AWS_39", endpoint.checkov());
        assertEquals(SecurityReview.Status.RELAXED, endpoint.status());
        assertEquals("the public endpoint is open to the internet (a block wider than /8, or none listed); stated reason: laptop access", endpoint.detail());
        PlanResult extended = TestStacks.plan("nonprod", Map.of("kubernetesVersion", "1.33"));
        assertEquals(SecurityReview.Status.FAIL, extended.security().stream()
                .filter(r -> r.checkov().equals("CKV_AWS_339")).findFirst().orElseThrow().status());
    }
}
