package io.runnerfargate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.runnerfargate.TestStacks;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FargateClusterTest {
    private static final List<String> PRIVATE_SUBNETS = List.of("prod-private-a-id", "prod-private-b-id");

    private static PlanResult prod() {
        return TestStacks.plan("prod", Map.of("jobNamespace", "gitlab-runner-jobs", "endpointPublicAccess", "true",
                "publicAccessCidrs", "[\"198.51.100.0/24\"]",
                "adminPrincipalArns", "[\"arn:aws:iam::123456789012:role/PlatformAdmin\",\"arn:aws:iam::123456789012:user/alice\"]"));
    }

    @Test
    void clusterRunsInThePrivateSubnetsWithApiAuthentication() {
        PlannedResource cluster = prod().require("prod-eks");
        assertEquals("prod-eks-cluster", cluster.input("name"));
        assertEquals("1.35", cluster.input("version"));
        assertEquals("arn:aws:iam::123456789012:role/prod-cluster-role", cluster.input("roleArn"));
        assertEquals(PRIVATE_SUBNETS, cluster.input("vpcConfig", "subnetIds"));
        assertEquals(true, cluster.input("vpcConfig", "endpointPrivateAccess"));
        assertEquals(true, cluster.input("vpcConfig", "endpointPublicAccess"));
        assertEquals(List.of("198.51.100.0/24"), cluster.input("vpcConfig", "publicAccessCidrs"));
        assertEquals("API", cluster.input("accessConfig", "authenticationMode"));
        assertEquals(List.of("prod-cluster-kms", "prod-cluster-policy", "prod-control-plane-logs"), cluster.dependsOn());
        assertEquals("prod-cluster", cluster.parent());
    }

    @Test
    void fargateProfilesSelectEachNamespaceOnThePrivateSubnetsOneAfterAnother() {
        PlanResult plan = prod();
        List<PlannedResource> profiles = plan.ofType("aws:eks/fargateProfile:FargateProfile");
        assertEquals(List.of("prod-fp-kube-system", "prod-fp-gitlab-runner", "prod-fp-gitlab-runner-jobs"),
                profiles.stream().map(PlannedResource::name).toList());
        List<String> namespaces = List.of("kube-system", "gitlab-runner", "gitlab-runner-jobs");
        List<String> previous = List.of("prod-pod-execution-policy", "prod-fp-kube-system", "prod-fp-gitlab-runner");
        for (int i = 0; i < profiles.size(); i++) {
            PlannedResource p = profiles.get(i);
            assertEquals(List.of(Map.of("namespace", namespaces.get(i))), p.input("selectors"));
            assertEquals(PRIVATE_SUBNETS, p.input("subnetIds"));
            assertEquals("prod-eks-cluster", p.input("clusterName"));
            assertEquals("arn:aws:iam::123456789012:role/prod-pod-execution-role", p.input("podExecutionRoleArn"));
            assertEquals(List.of(previous.get(i)), p.dependsOn(), p.name());
        }
    }

    @Test
    void corednsIsTheFargateAddonAfterTheKubeSystemProfile() {
        PlannedResource coredns = prod().require("prod-coredns");
        assertEquals("coredns", coredns.input("addonName"));
        assertEquals("prod-eks-cluster", coredns.input("clusterName"));
        assertEquals("{\"computeType\":\"Fargate\"}", coredns.input("configurationValues"));
        assertEquals("OVERWRITE", coredns.input("resolveConflictsOnCreate"));
        assertEquals(List.of("prod-fp-kube-system"), coredns.dependsOn());
    }

    @Test
    void adminsGetClusterAdminThroughAccessEntries() {
        PlanResult plan = prod();
        assertEquals(List.of("prod-admin-role-PlatformAdmin", "prod-admin-user-alice"),
                plan.ofType("aws:eks/accessEntry:AccessEntry").stream().map(PlannedResource::name).toList());
        PlannedResource entry = plan.require("prod-admin-role-PlatformAdmin");
        assertEquals("arn:aws:iam::123456789012:role/PlatformAdmin", entry.input("principalArn"));
        assertEquals("STANDARD", entry.input("type"));
        PlannedResource policy = plan.require("prod-admin-user-alice-policy");
        assertEquals("arn:aws:iam::123456789012:user/alice", policy.input("principalArn"));
        assertEquals("arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", policy.input("policyArn"));
        assertEquals(Map.of("type", "cluster"), policy.input("accessScope"));
        assertEquals(List.of("prod-admin-user-alice"), policy.dependsOn());
    }

    @Test
    void podExecutionRoleTrustsOnlyThisClustersFargateProfiles() throws Exception {
        PlanResult plan = prod();
        var trust = new ObjectMapper().readTree((String) plan.require("prod-pod-execution-role").input("assumeRolePolicy"));
        var statement = trust.get("Statement").get(0);
        assertEquals("eks-fargate-pods.amazonaws.com", statement.get("Principal").get("Service").asText());
        assertEquals("arn:aws:eks:us-west-2:123456789012:fargateprofile/prod-eks-cluster/*",
                statement.get("Condition").get("ArnLike").get("aws:SourceArn").asText());
        assertEquals("arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
                plan.require("prod-pod-execution-policy").input("policyArn"));
        assertEquals("prod-pod-execution-role", plan.require("prod-pod-execution-policy").input("role"));
    }

    @Test
    void kubeconfigIsSecretAndAuthenticatesWithAwsEksGetToken() {
        PlanResult plan = prod();
        assertEquals("[secret]", plan.outputs().get("kubeconfig"));
        assertEquals("[secret]", plan.require("prod-k8s").input("kubeconfig"));
        String kubeconfig = Kubeconfig.render("prod-eks-cluster", "https://example.eks", "Q0E=", "us-west-2");
        assertTrue(kubeconfig.contains("command: \"aws\""), kubeconfig);
        assertTrue(kubeconfig.contains("- \"get-token\"\n      - \"--cluster-name\"\n      - \"prod-eks-cluster\"\n      - \"--region\"\n      - \"us-west-2\""), kubeconfig);
        assertEquals("aws eks update-kubeconfig --region us-west-2 --name prod-eks-cluster", plan.outputs().get("kubeconfigCommand"));
    }
}
