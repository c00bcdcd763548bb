package io.runnerfargate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DeploySettingsCommandTest {
    static final String TOKEN = "pul-0123456789abcdef-test-token";
    static final String CLONE_TOKEN = "glpat-clone-secret-value";
    static final String SETTINGS = "/api/stacks/acme/gitlab-runner-fargate/nonprod/deployments/settings";
    static final String ROLE = "arn:aws:iam::111122223333:role/pulumi-deployments-nonprod";
    static final String REPO = "https://gitlab.example.com/platform/gitlab-runner-fargate";
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {}

    FakePulumiCloud cloud;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        cloud = new FakePulumiCloud();
        env = new HashMap<>(Map.of(
                "PULUMI_ACCESS_TOKEN", TOKEN,
                "PULUMI_ORG", "acme",
                "PULUMI_API_URL", cloud.url().toString(),
                "CI_PROJECT_URL", REPO,
                "GITLAB_CLONE_TOKEN", CLONE_TOKEN,
                "NONPROD_AWS_ROLE_ARN", ROLE,
                "PROD_AWS_ROLE_ARN", "arn:aws:iam::444455556666:role/pulumi-deployments-prod"));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new DeploySettingsCommand(env, new FakeTime()));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        for (String secret : new String[] {TOKEN, CLONE_TOKEN}) {
            assertFalse(out.toString().contains(secret), "secret in output");
            assertFalse(err.toString().contains(secret), "secret in errors");
        }
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void showsTheDiffOfTheRepositoryFileAndSendsItAsAMergePatch() throws Exception {
        cloud.expect("GET", SETTINGS, 200, """
                {"version":3,
                 "sourceContext":{"git":{"repoUrl":"%s","branch":"refs/heads/dev","repoDir":".",
                   "gitAuth":{"basicAuth":{"userName":{"ciphertext":"AAA"},"password":{"ciphertext":"BBB"}}}}},
                 "operationContext":{"preRunCommands":["mvn -B -q package -DskipTests"],
                   "environmentVariables":{"PULUMI_SKIP_UPDATE_CHECK":"true","OLD":"x"},
                   "options":{"shell":"/bin/bash"}}}""".formatted(REPO))
                .expect("POST", SETTINGS, 200, "{}");

        Run run = run("nonprod");

        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                Deployment settings of acme/gitlab-runner-fargate/nonprod from deployments/nonprod.yaml:
                  = sourceContext.git.repoUrl: "%s"
                  ~ sourceContext.git.branch: "refs/heads/dev" -> "refs/heads/main"
                  = sourceContext.git.repoDir: "."
                  ~ sourceContext.git.gitAuth.basicAuth.userName: [secret] -> [secret]
                  * sourceContext.git.gitAuth.basicAuth.password: [secret] (sent again: secret values are not compared)
                  = operationContext.preRunCommands: ["mvn -B -q package -DskipTests"]
                  = operationContext.environmentVariables.PULUMI_SKIP_UPDATE_CHECK: "true"
                  + operationContext.environmentVariables.MAVEN_OPTS: "-Xmx1536m"
                  + operationContext.oidc.aws.roleArn: "%s"
                  + operationContext.oidc.aws.sessionName: "gitlab-runner-fargate-nonprod"
                  + operationContext.oidc.aws.duration: "1h0m0s"
                Kept as they are in Pulumi Cloud (not in the file): version, operationContext.environmentVariables.OLD, operationContext.options.shell
                Applied (4 added, 2 changed, 0 removed, 1 secret(s) sent, 4 unchanged).
                """.formatted(REPO, ROLE), run.out());

        assertEquals(2, cloud.requests().size());
        FakePulumiCloud.Recorded patch = cloud.requests().get(1);
        assertEquals("token " + TOKEN, patch.header("Authorization"));
        assertEquals("application/json", patch.header("Content-Type"));
        assertEquals(JSON.readTree("""
                {"sourceContext":{"git":{"repoUrl":"%s","branch":"refs/heads/main","repoDir":".",
                   "gitAuth":{"basicAuth":{"userName":"pulumi-deployments","password":{"secret":"%s"}}}}},
                 "operationContext":{"preRunCommands":["mvn -B -q package -DskipTests"],
                   "environmentVariables":{"PULUMI_SKIP_UPDATE_CHECK":"true","MAVEN_OPTS":"-Xmx1536m"},
                   "oidc":{"aws":{"roleArn":"%s","sessionName":"gitlab-runner-fargate-nonprod","duration":"1h0m0s"}}}}
                """.formatted(REPO, CLONE_TOKEN, ROLE)), JSON.readTree(patch.body()));
    }

    @Test
    void theProdFileUsesTheProdRole() throws Exception {
        String prod = "/api/stacks/acme/gitlab-runner-fargate/prod/deployments/settings";
        cloud.expect("GET", prod, 404, "{\"message\":\"not found\"}").expect("POST", prod, 200, "{}");

        Run run = run("prod");

        assertEquals(0, run.exit(), run.err());
        assertEquals("arn:aws:iam::444455556666:role/pulumi-deployments-prod", JSON.readTree(cloud.requests().get(1).body())
                .at("/operationContext/oidc/aws/roleArn").asText());
        assertEquals("No deployment settings in Pulumi Cloud yet (404); all keys are new.",
                run.out().lines().findFirst().orElseThrow());
        assertEquals("Applied (10 added, 0 changed, 0 removed, 1 secret(s) sent, 0 unchanged).",
                run.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void aDryRunSendsNothing() {
        cloud.expect("GET", SETTINGS, 200, "{}");

        Run run = run("nonprod", "--dry-run");

        assertEquals(0, run.exit(), run.err());
        assertEquals(1, cloud.requests().size());
        assertEquals("Dry run, nothing sent (10 added, 0 changed, 0 removed, 1 secret(s) sent, 0 unchanged).",
                run.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void settingsThatAlreadyMatchAreNotSentAndNullRemovesAKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nonprod.yaml"), """
                settings:
                  operationContext:
                    preRunCommands: [mvn -B -q package -DskipTests]
                    environmentVariables:
                      OLD: null
                """);
        cloud.expect("GET", SETTINGS, 200, "{\"operationContext\":{\"preRunCommands\":[\"mvn -B -q package -DskipTests\"]}}");
        Run same = run("nonprod", "--settings-dir", dir.toString());
        assertEquals(0, same.exit(), same.err());
        assertEquals("Already up to date (0 added, 0 changed, 0 removed, 0 secret(s) sent, 1 unchanged); nothing sent.",
                same.out().lines().reduce((a, b) -> b).orElseThrow());

        cloud.expect("GET", SETTINGS, 200, "{\"operationContext\":{\"preRunCommands\":[\"mvn -B -q package -DskipTests\"],"
                + "\"environmentVariables\":{\"OLD\":\"x\"}}}").expect("POST", SETTINGS, 200, "{}");
        Run removal = run("nonprod", "--settings-dir", dir.toString());
        assertEquals(0, removal.exit(), removal.err());
        assertEquals("  - operationContext.environmentVariables.OLD: \"x\" -> (removed)", removal.out().lines().toList().get(2));
        assertEquals(JSON.readTree("{\"operationContext\":{\"preRunCommands\":[\"mvn -B -q package -DskipTests\"],"
                + "\"environmentVariables\":{\"OLD\":null}}}"), JSON.readTree(cloud.requests().get(2).body()));
        assertEquals(3, cloud.requests().size());
    }

    @Test
    void anInvalidFileIsRefusedBeforeAnyRequest(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nonprod.yaml"), """
                settings:
                  sourceContex: {}
                  operationContext:
                    environmentVariables:
                      AWS_ACCESS_KEY_ID: AKIA0000
                      API_KEY: {secret: plain}
                      REGION: {env: NOT_SET_ANYWHERE}
                """);

        Run run = run("nonprod", "--settings-dir", dir.toString());

        assertEquals(2, run.exit());
        assertEquals(0, cloud.requests().size());
        assertEquals("deploy-settings: " + dir.resolve("nonprod.yaml") + ":\n"
                + "  settings.sourceContex is not a deployment setting (known: agentPoolID, cacheOptions,"
                + " executorContext, gitHub, operationContext, sourceContext, tag, vcs)\n"
                + "  settings.operationContext.environmentVariables.AWS_ACCESS_KEY_ID is a static AWS credential:"
                + " use operationContext.oidc.aws.roleArn instead\n"
                + "  settings.operationContext.environmentVariables.API_KEY: a plain-text secret does not belong in"
                + " the repository; write {secretEnv: VARIABLE} and set VARIABLE as a masked CI/CD variable\n"
                + "  settings.operationContext.environmentVariables.REGION: environment variable NOT_SET_ANYWHERE"
                + " is not set\n", run.err());
    }

    @Test
    void aMissingFileOrVariableIsAnInputError() {
        Run missing = run("staging");
        assertEquals(2, missing.exit());
        assertEquals("deploy-settings: no deployment settings file deployments/staging.yaml: each stack keeps its"
                + " settings in deployments/<stack>.yaml\n", missing.err());

        env.remove("GITLAB_CLONE_TOKEN");
        Run noSecret = run("nonprod");
        assertEquals(2, noSecret.exit());
        assertEquals("deploy-settings: deployments/nonprod.yaml:\n  settings.sourceContext.git.gitAuth.basicAuth.password:"
                + " environment variable GITLAB_CLONE_TOKEN is not set\n", noSecret.err());
        assertEquals(0, cloud.requests().size());
    }

    @Test
    void aRefusedPatchIsAnApiError() {
        cloud.expect("GET", SETTINGS, 200, "{}").expect("POST", SETTINGS, 403, "{\"message\":\"forbidden\"}");

        Run run = run("nonprod");

        assertEquals(3, run.exit());
        assertEquals(2, cloud.requests().size());
        assertEquals("deploy-settings: Pulumi Cloud answered POST " + SETTINGS + " with 403: the token's owner may"
                + " not do this: check that the user or team behind PULUMI_ACCESS_TOKEN has write access to the"
                + " stack and that the organization has Pulumi Deployments enabled (server said: forbidden)\n", run.err());
    }
}
