package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan <stack> --iam-policy} as a user runs it: the policy alone on stdout, or errors and exit 1. */
class IamPolicyCommandTest {
    private static final Path PROJECT = Path.of(".");

    private static CommandRun plan(String... args) {
        return CommandRun.plan(args);
    }

    private static List<String> sids(JsonNode doc) {
        List<String> sids = new ArrayList<>();
        doc.get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
        return sids;
    }

    @Test
    void printsOnlyThePolicyAndSaysHowManyPartsItTakes() throws Exception {
        CommandRun run = plan("prod", "--iam-policy", "--dir", PROJECT.toString());
        assertEquals(0, run.exit(), run.err());
        JsonNode doc = new ObjectMapper().readTree(run.out());
        assertEquals("2012-10-17", doc.get("Version").asText());
        assertEquals("ReadOnlyDiscovery", sids(doc).get(0));
        assertEquals("plan: the policy is larger than one managed policy (6144 characters); create 2 managed policies from "
                + "--part 1 to --part 2; at 10319 characters it is also over a role's 10240 for inline policies\n", run.err());
        assertEquals("plan: the policy is larger than one managed policy (6144 characters); create 2 managed policies from "
                + "--part 1 to --part 2, or attach it whole as an inline policy (see docs/iam.md)\n",
                plan("nonprod", "--iam-policy", "--dir", PROJECT.toString()).err());

        CommandRun first = plan("prod", "--iam-policy", "--part", "1", "--dir", PROJECT.toString());
        CommandRun second = plan("prod", "--iam-policy", "--part", "2", "--dir", PROJECT.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals(0, second.exit(), second.err());
        List<String> joined = new ArrayList<>(sids(new ObjectMapper().readTree(first.out())));
        joined.addAll(sids(new ObjectMapper().readTree(second.out())));
        assertEquals(sids(doc), joined);

        CommandRun third = plan("prod", "--iam-policy", "--part", "3", "--dir", PROJECT.toString());
        assertEquals(2, third.exit());
        assertEquals("plan: --part 3 does not exist; the policy of prod has 2 part(s)\n", third.err());
    }

    @Test
    void partWithoutIamPolicyIsAUsageError() {
        CommandRun run = plan("nonprod", "--part", "1", "--dir", PROJECT.toString());
        assertEquals(2, run.exit());
        assertEquals("plan: --part goes with --iam-policy\n", run.err());
    }

    @Test
    void invalidSettingsGiveThePlansErrorsAndNoPolicy(@TempDir Path dir) throws Exception {
        Files.copy(PROJECT.resolve("Pulumi.yaml"), dir.resolve("Pulumi.yaml"));
        Files.writeString(dir.resolve("Pulumi.broken.yaml"), """
                config:
                  aws:region: us-west-2
                  gitlab-runner-fargate:natGateway: double
                  gitlab-runner-fargate:runnerTokenSecretName: GitLabRunnerToken
                  gitlab-runner-fargate:publicAccessCidrs: [198.51.100.0/24]
                """);
        CommandRun run = plan("broken", "--iam-policy", "--dir", dir.toString());
        assertEquals(1, run.exit());
        assertEquals("", run.out());
        assertTrue(run.err().contains("""
                Errors (1); `pulumi up` would stop before creating anything:
                  - natGateway: "double" is not a NAT mode; use one of single, perAz, none
                """), run.err());
    }
}
