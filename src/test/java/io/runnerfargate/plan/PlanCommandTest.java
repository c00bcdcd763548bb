package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan as a user runs it, against the project's own stack files. */
class PlanCommandTest {
    private static final Path PROJECT = Path.of(".");

    private static CommandRun plan(String... args) {
        return CommandRun.plan(args);
    }

    @Test
    void nonprodTextShowsTheHandBuiltNetwork() {
        CommandRun run = plan("nonprod", "--dir", PROJECT.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.startsWith("Plan for gitlab-runner-fargate/nonprod in us-west-2\n"), out);
        assertTrue(out.contains("    + aws:ec2/vpc:Vpc  nonprod-vpc\n        cidrBlock           10.0.0.0/16\n"), out);
        assertTrue(out.contains("    + aws:ec2/route:Route  nonprod-private-default-b\n"
                + "        destinationCidrBlock  0.0.0.0/0\n"
                + "        natGatewayId          (id of nonprod-nat-a)\n"), out);
        assertTrue(out.contains("  kubeconfig: [secret]\n"), out);
        assertTrue(out.contains("\n48 resources to create: 42 in AWS, 6 in Kubernetes"), out);
    }

    @Test
    void nonprodShowsLoggingCacheAndJobSizing() {
        String out = plan("nonprod", "--dir", PROJECT.toString()).out();
        assertTrue(out.contains("+ kubernetes:core/v1:ConfigMap  nonprod-aws-logging\n"), out);
        assertTrue(out.contains("metadata.labels.aws-observability  enabled\n"), out);
        assertTrue(out.contains("+ aws:s3/bucketV2:BucketV2  nonprod-runner-cache\n"), out);
        assertTrue(out.contains("[runners.cache.s3]\n"), out);
        assertTrue(out.contains("""
                Fargate pod sizes (requests, plus Fargate's 256 MB, rounded up to a Fargate size):
                  runner manager            requests 0.25 vCPU / 0.25 GB  billed as 0.25 vCPU / 0.5 GB
                  job pod (build + helper)  requests 1.75 vCPU / 3.25 GB  billed as 2 vCPU / 4 GB
                  job pod with one service  requests 2 vCPU / 3.75 GB  billed as 2 vCPU / 4 GB
                """), out);
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        CommandRun run = plan("nonprod", "--json", "--dir", PROJECT.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("gitlab-runner-fargate", doc.get("project").asText());
        assertEquals("nonprod", doc.get("stack").asText());
        assertEquals(0, doc.get("errors").size());
        List<String> subnets = new ArrayList<>();
        for (JsonNode r : doc.get("resources")) {
            assertTrue(r.has("type") && r.has("name") && r.has("parent") && r.has("inputs"), r.toString());
            if (r.get("type").asText().equals("aws:ec2/subnet:Subnet")) {
                subnets.add(r.get("inputs").get("cidrBlock").asText());
                assertEquals("nonprod-network", r.get("parent").asText());
            }
            if (r.get("name").asText().equals("nonprod-network")) {
                assertTrue(r.get("parent").isNull());
            }
        }
        assertEquals(List.of("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"), subnets);
        assertEquals("[secret]", doc.get("outputs").get("kubeconfig").asText());
        assertEquals("nonprod-eks-cluster", doc.get("outputs").get("clusterName").asText());
    }

    @Test
    void prodPlansANatPerZoneAndARestrictedEndpoint() {
        CommandRun run = plan("prod", "--dir", PROJECT.toString());
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("+ aws:ec2/natGateway:NatGateway  prod-nat-b"), run.out());
        assertTrue(run.out().contains("vpcConfig.publicAccessCidrs                           [198.51.100.0/24, 203.0.113.0/24]"), run.out());
    }

    @Test
    void invalidSettingsListEveryErrorCreateNothingAndExitNonZero(@TempDir Path dir) throws Exception {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.writeString(dir.resolve("Pulumi.broken.yaml"), """
                config:
                  aws:region: us-west-2
                  gitlab-runner-fargate:vpcCidr: 10.0.0.0/16
                  gitlab-runner-fargate:privateSubnetCidrs: [10.0.1.0/24, 10.1.2.0/24]
                  gitlab-runner-fargate:natGateway: double
                  gitlab-runner-fargate:endpointPublicAccess: ture
                  gitlab-runner-fargate:runnerToken:
                    secure: v1:AAAAAAAAAAAAAAAA:encrypted
                  gitlab-runner-fargate:runnerTokenSecretName: GitLabRunnerToken
                  gitlab-runner-fargate:publicAccessCidrs: [198.51.100.0/24]
                """);
        CommandRun text = plan("broken", "--dir", dir.toString());
        assertEquals(1, text.exit());
        assertTrue(text.out().contains("""
                Errors (4); `pulumi up` would stop before creating anything:
                  - natGateway: "double" is not a NAT mode; use one of single, perAz, none
                  - privateSubnetCidrs[1]: "10.1.2.0/24" is not inside vpcCidr 10.0.0.0/16; every subnet must lie inside the VPC block
                  - endpointPublicAccess: "ture" is not a boolean; use true or false
                  - runnerToken: is set together with runnerTokenSecretName; keep exactly one source for the runner token
                """), text.out());
        assertFalse(text.out().contains("+ aws:"), text.out());

        CommandRun json = plan("broken", "--json", "--dir", dir.toString());
        JsonNode doc = new ObjectMapper().readTree(json.out());
        assertEquals(1, json.exit());
        assertEquals(0, doc.get("resources").size());
        assertEquals(4, doc.get("errors").size());
    }

    @Test
    void encryptedTokenCountsAsSetAndSecret(@TempDir Path dir) throws Exception {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.writeString(dir.resolve("Pulumi.dev.yaml"), """
                config:
                  aws:region: us-west-2
                  gitlab-runner-fargate:runnerToken:
                    secure: v1:AAAAAAAAAAAAAAAA:encrypted
                  gitlab-runner-fargate:publicAccessCidrs: [198.51.100.0/24]
                """);
        CommandRun run = plan("dev", "--dir", dir.toString());
        assertEquals(0, run.exit(), run.out());
        assertTrue(run.out().contains("gitlab-runner-fargate:runnerToken is encrypted in the stack file"), run.out());
        assertFalse(run.out().contains(StackFiles.ENCRYPTED_STAND_IN), run.out());
        // The region's first zones, from the project defaults in Pulumi.yaml.
        assertTrue(run.out().contains("+ aws:ec2/subnet:Subnet  dev-private-b\n        availabilityZone     us-west-2b\n"
                + "        cidrBlock            10.0.2.0/24\n"), run.out());
    }

    @Test
    void aMissingStackFileIsAClearUsageError(@TempDir Path dir) throws Exception {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        CommandRun run = plan("staging", "--dir", dir.toString());
        assertEquals(2, run.exit());
        assertTrue(run.err().startsWith("plan: cannot read the stack files: " + dir.resolve("Pulumi.staging.yaml")), run.err());
    }
}
