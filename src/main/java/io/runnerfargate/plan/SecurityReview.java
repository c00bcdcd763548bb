package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnerfargate.cluster.EksVersions;
import io.runnerfargate.network.Ipv4Cidr;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The checks a security scanner applies to an EKS and VPC setup (Checkov ids; the list is in the
 * team's AWS facts), run against what the plan would deploy rather than against the settings, so
 * that a control the settings ask for but the program forgot still fails.
 */
public final class SecurityReview {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecurityReview() {}

    public enum Status { PASS, FAIL, RELAXED }

    public record Rule(String title, String checkov, Status status, String detail) {}

    /**
     * @param relaxationReason why the stack relaxes controls, if it says; a failing rule is then
     *                         shown as relaxed with the reason instead of failed
     */
    public static List<Rule> of(List<PlannedResource> resources, Optional<String> relaxationReason, LocalDate day) {
        List<Rule> rules = new ArrayList<>();
        List<PlannedResource> clusters = ofType(resources, "aws:eks/cluster:Cluster");
        rules.add(rule("EKS API endpoint private, or public only to listed CIDRs", "CKV_AWS_38, CKV_AWS_39",
                all(clusters, c -> !Boolean.TRUE.equals(c.input("vpcConfig", "endpointPublicAccess"))
                        || c.input("vpcConfig", "publicAccessCidrs") instanceof List<?> cidrs && !cidrs.isEmpty()
                        && cidrs.stream().map(String::valueOf).map(Ipv4Cidr::parse).allMatch(cidr -> cidr.prefixLength() >= 8)),
                "the public endpoint is open to the internet (a block wider than /8, or none listed)", relaxationReason));
        rules.add(rule("Kubernetes secrets encrypted with a customer-managed KMS key", "CKV_AWS_58",
                all(clusters, c -> c.input("encryptionConfig", "provider", "keyArn") != null
                        && String.valueOf(c.input("encryptionConfig", "resources")).contains("secrets")),
                "no encryptionConfig for secrets", relaxationReason));
        rules.add(rule("Control-plane logging: api, audit, authenticator, controllerManager, scheduler", "CKV_AWS_37",
                all(clusters, c -> c.input("enabledClusterLogTypes") instanceof List<?> types
                        && types.containsAll(List.of("api", "audit", "authenticator", "controllerManager", "scheduler"))),
                "not every log type is enabled", relaxationReason));
        rules.add(rule("Kubernetes version in standard support", "CKV_AWS_339",
                all(clusters, c -> EksVersions.isKnown(String.valueOf(c.input("version")))
                        && !EksVersions.inExtendedSupport(String.valueOf(c.input("version")), day)),
                "the version is in extended support (6x the hourly price) or unknown", Optional.empty()));
        List<PlannedResource> vpcs = ofType(resources, "aws:ec2/vpc:Vpc");
        List<PlannedResource> flowLogs = ofType(resources, "aws:ec2/flowLog:FlowLog");
        rules.add(rule("VPC flow logs enabled", "CKV2_AWS_11",
                all(vpcs, v -> flowLogs.stream().anyMatch(f -> PlanMocks.idOf(v.name()).equals(f.input("vpcId")))),
                "the VPC has no flow log", relaxationReason));
        List<PlannedResource> defaultGroups = ofType(resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        rules.add(rule("Default security group restricts all traffic", "CKV2_AWS_12",
                all(vpcs, v -> defaultGroups.stream().anyMatch(g -> PlanMocks.idOf(v.name()).equals(g.input("vpcId"))
                        && isEmpty(g.input("ingress")) && isEmpty(g.input("egress")))),
                "the VPC's default security group keeps AWS's allow rules", Optional.empty()));
        rules.add(rule("Subnets do not assign public IPs", "CKV_AWS_130",
                all(ofType(resources, "aws:ec2/subnet:Subnet"), s -> !Boolean.TRUE.equals(s.input("mapPublicIpOnLaunch"))),
                "a subnet maps public IPs on launch", Optional.empty()));
        List<PlannedResource> logGroups = ofType(resources, "aws:cloudwatch/logGroup:LogGroup");
        rules.add(rule("Log groups keep logs for a set time", "CKV_AWS_66",
                all(logGroups, g -> g.input("retentionInDays") instanceof Number n && n.intValue() > 0),
                "a log group keeps logs forever", Optional.empty()));
        rules.add(rule("Log groups encrypted with a KMS key", "CKV_AWS_158",
                all(logGroups, g -> g.input("kmsKeyId") != null), "a log group has no KMS key", relaxationReason));
        rules.add(rule("No AdministratorAccess", "CKV_AWS_274",
                all(ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment"),
                        a -> !String.valueOf(a.input("policyArn")).endsWith(":policy/AdministratorAccess")),
                "a role has AdministratorAccess", Optional.empty()));
        rules.add(rule("No \"*\" resource in the program's own IAM policies", "CKV_AWS_355",
                all(ofType(resources, "aws:iam/rolePolicy:RolePolicy"), p -> statements(p.input("policy")).stream()
                        .noneMatch(s -> s.path("Resource").asText("").equals("*"))),
                "an inline policy allows a \"*\" resource", Optional.empty()));
        rules.add(rule("Every role trusts one named service or identity provider", "CKV_AWS_60",
                all(ofType(resources, "aws:iam/role:Role"), r -> statements(r.input("assumeRolePolicy")).stream()
                        .allMatch(SecurityReview::namedPrincipal)),
                "a role's trust names no single principal", Optional.empty()));
        return rules;
    }

    private static boolean namedPrincipal(JsonNode statement) {
        JsonNode principal = statement.path("Principal");
        if (principal.size() != 1) {
            return false;
        }
        JsonNode value = principal.elements().next();
        return value.isTextual() && !value.asText().equals("*");
    }

    private static Rule rule(String title, String checkov, boolean pass, String failure, Optional<String> reason) {
        if (pass) {
            return new Rule(title, checkov, Status.PASS, "");
        }
        return reason.map(r -> new Rule(title, checkov, Status.RELAXED, failure + "; stated reason: " + r))
                .orElseGet(() -> new Rule(title, checkov, Status.FAIL, failure));
    }

    private static List<PlannedResource> ofType(List<PlannedResource> resources, String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    private static boolean all(List<PlannedResource> resources, Predicate<PlannedResource> check) {
        return resources.stream().allMatch(check);
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof List<?> list && list.isEmpty();
    }

    private static List<JsonNode> statements(Object document) {
        try {
            JsonNode statements = JSON.readTree(String.valueOf(document)).path("Statement");
            List<JsonNode> out = new ArrayList<>();
            statements.forEach(out::add);
            return out;
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
