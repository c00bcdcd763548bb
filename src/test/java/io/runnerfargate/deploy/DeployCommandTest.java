package io.runnerfargate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

class DeployCommandTest {
    static final String TOKEN = "pul-0123456789abcdef-test-token";
    static final String STACK = "/api/stacks/acme/gitlab-runner-fargate/nonprod";
    static final String CONSOLE = "https://app.pulumi.com/acme/gitlab-runner-fargate/nonprod/deployments/7";
    static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {}

    FakePulumiCloud cloud;
    FakeTime time;
    Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        cloud = new FakePulumiCloud();
        time = new FakeTime();
        env = new HashMap<>(Map.of(
                "PULUMI_ACCESS_TOKEN", TOKEN,
                "PULUMI_ORG", "acme",
                "PULUMI_API_URL", cloud.url().toString(),
                "CI_COMMIT_SHA", "4f2c9e1"));
    }

    @AfterEach
    void stop() {
        cloud.close();
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new DeployCommand(env, time));
        command.setOut(new PrintWriter(out));
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        assertFalse(out.toString().contains(TOKEN), "token in output");
        assertFalse(err.toString().contains(TOKEN), "token in errors");
        return new Run(exit, out.toString(), err.toString());
    }

    static String line(String header, String text) {
        return "{\"header\":\"" + header + "\",\"timestamp\":\"2026-01-05T07:00:01Z\",\"line\":\"" + text + "\"}";
    }

    FakePulumiCloud created() {
        return cloud.expect("POST", STACK + "/deployments", 200,
                "{\"id\":\"d-1\",\"consoleUrl\":\"" + CONSOLE + "\"}");
    }

    @Test
    void followsTheLogAcrossPagesUntilTheDeploymentSucceeds() throws Exception {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200,
                        "{\"lines\":[" + line("Get source", "Cloning repository\\n") + "],\"nextToken\":\"t1\"}")
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=t1", 200,
                        "{\"lines\":[" + line("Pulumi up", "Updating (nonprod)") + "," + line("Pulumi up", "+ 3 to create")
                                + "],\"nextToken\":\"t2\"}")
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=t2", 200,
                        "{\"lines\":[],\"nextToken\":\"t2\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"running\",\"version\":7}")
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=t2", 200,
                        "{\"lines\":[" + line("Pulumi up", "Resources: 3 created") + "],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\",\"version\":7}");

        Run run = run("nonprod", "update");

        assertEquals(0, run.exit(), run.err());
        assertEquals("""
                Deployment d-1 (update of acme/gitlab-runner-fargate/nonprod) at commit 4f2c9e1 created.
                Console: %1$s
                == Get source ==
                Cloning repository
                == Pulumi up ==
                Updating (nonprod)
                + 3 to create
                Resources: 3 created

                Deployment d-1 (version 7) succeeded.
                Console: %1$s
                """.formatted(CONSOLE), run.out());
        assertEquals("", run.err());
        assertEquals(0, cloud.unanswered());
        assertEquals(7, cloud.requests().size());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());

        FakePulumiCloud.Recorded create = cloud.requests().get(0);
        assertEquals(JSON.readTree("{\"operation\":\"update\",\"inheritSettings\":true,"
                + "\"sourceContext\":{\"git\":{\"commit\":\"4f2c9e1\"}}}"), JSON.readTree(create.body()));
        assertEquals("application/json", create.header("Content-Type"));
        for (FakePulumiCloud.Recorded request : cloud.requests()) {
            assertEquals("token " + TOKEN, request.header("Authorization"), request.pathAndQuery());
            assertEquals("application/vnd.pulumi+8", request.header("Accept"));
        }
        assertEquals("", cloud.requests().get(1).body());
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void createsOneDeploymentPerOperation(Operation operation) throws Exception {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\",\"version\":3}");

        Run run = run("nonprod", operation.apiName(), "--commit", "9a9a9a9");

        assertEquals(0, run.exit(), run.err());
        FakePulumiCloud.Recorded create = cloud.requests().get(0);
        assertEquals("POST", create.method());
        assertEquals(STACK + "/deployments", create.pathAndQuery());
        assertEquals(JSON.readTree("{\"operation\":\"" + operation.apiName() + "\",\"inheritSettings\":true,"
                + "\"sourceContext\":{\"git\":{\"commit\":\"9a9a9a9\"}}}"), JSON.readTree(create.body()));
        assertEquals(3, cloud.requests().size());
    }

    @Test
    void optionsWinOverTheEnvironment() {
        String other = "/api/stacks/other/p/nonprod";
        cloud.expect("POST", other + "/deployments", 200, "{\"id\":\"d-2\"}")
                .expect("GET", other + "/deployments/d-2/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", other + "/deployments/d-2", 200, "{\"status\":\"succeeded\"}");

        Run run = run("nonprod", "preview", "--org", "other", "--project", "p");

        assertEquals(0, run.exit(), run.err());
        assertEquals(0, cloud.unanswered());
        assertEquals(3, cloud.requests().size());
    }

    @Test
    void sendsNoSourceContextWithoutACommit() throws Exception {
        env.remove("CI_COMMIT_SHA");
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\"}");

        Run run = run("nonprod", "preview");

        assertEquals(0, run.exit(), run.err());
        assertEquals(JSON.readTree("{\"operation\":\"preview\",\"inheritSettings\":true}"),
                JSON.readTree(cloud.requests().get(0).body()));
    }

    @Test
    void aFailedDeploymentFailsTheJob() {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200,
                        "{\"lines\":[" + line("Pulumi up", "error: AccessDenied") + "],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"failed\",\"version\":8}");

        Run run = run("nonprod", "update");

        assertEquals(1, run.exit());
        assertTrue(run.out().endsWith("error: AccessDenied\n\nDeployment d-1 (version 8) ended with status 'failed':"
                + " the update did not succeed.\nConsole: " + CONSOLE + "\n"), run.out());
    }

    @Test
    void aSkippedDeploymentFailsTheJob() {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"skipped\",\"version\":9}");

        Run run = run("nonprod", "destroy");

        assertEquals(1, run.exit());
        assertTrue(run.out().contains("Deployment d-1 (version 9) was skipped by Pulumi Cloud: nothing ran,"
                + " so the destroy did not happen.\n"), run.out());
    }

    @Test
    void anUnknownFinalStatusFailsTheJob() {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"cancelled\",\"version\":9}");

        assertEquals(1, run("nonprod", "update").exit());
    }

    @Test
    void waitsForTheStatusWhenTheLogEndsFirst() {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"running\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\"}");

        assertEquals(0, run("nonprod", "update").exit());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
        assertEquals(0, cloud.unanswered());
    }

    @Test
    void aConflictOnCreateWaitsForTheOtherDeployment() {
        cloud.expect("POST", STACK + "/deployments", 409, "{\"code\":409,\"message\":\"deployment in progress\"}")
                .expect("POST", STACK + "/deployments", 409, "{\"code\":409,\"message\":\"deployment in progress\"}");
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\"}");

        Run run = run("nonprod", "update");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(Duration.ofSeconds(30), Duration.ofSeconds(30)), time.sleeps());
        assertEquals(5, cloud.requests().size());
        assertTrue(run.out().startsWith("""
                Another deployment of acme/gitlab-runner-fargate/nonprod is in progress (409); trying again in 30 s (1 of 20).
                Another deployment of acme/gitlab-runner-fargate/nonprod is in progress (409); trying again in 30 s (2 of 20).
                Deployment d-1"""), run.out());
    }

    @Test
    void conflictRetriesAreBounded() {
        for (int i = 0; i < 3; i++) {
            cloud.expect("POST", STACK + "/deployments", 409, "{\"code\":409,\"message\":\"deployment in progress\"}");
        }

        Run run = run("nonprod", "update", "--conflict-retries", "2");

        assertEquals(3, run.exit());
        assertEquals(3, cloud.requests().size());
        assertEquals("deploy: Pulumi Cloud answered POST " + STACK + "/deployments with 409: conflict: another"
                + " deployment or update of this stack is in progress; wait for it or cancel it in the Pulumi Cloud"
                + " console (server said: deployment in progress)\n", run.err());
    }

    @Test
    void rateLimitingIsRetriedAfterTheServersDelay() {
        cloud.expect("POST", STACK + "/deployments", 429, "{\"message\":\"slow down\"}", Map.of("Retry-After", "5"));
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\"}");

        assertEquals(0, run("nonprod", "update").exit());
        assertEquals(List.of(Duration.ofSeconds(5)), time.sleeps());
        assertEquals(4, cloud.requests().size());
    }

    @Test
    void serverErrorsAreRetriedFourTimesInAllThenReported() {
        for (int i = 0; i < 4; i++) {
            cloud.expect("POST", STACK + "/deployments", 503, "<html>Service Unavailable</html>");
        }

        Run run = run("nonprod", "update");

        assertEquals(3, run.exit());
        assertEquals(4, cloud.requests().size());
        assertEquals(0, cloud.unanswered());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), time.sleeps());
        assertEquals("deploy: Pulumi Cloud answered POST " + STACK + "/deployments with 503: a server error, still"
                + " after 4 tries; see the Pulumi status page and try again later (server said: <html>Service"
                + " Unavailable</html>)\n", run.err());
    }

    @Test
    void anUnreachableServerIsRetriedThenReported() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        env.put("PULUMI_API_URL", "http://127.0.0.1:" + closedPort);

        Run run = run("nonprod", "update");

        assertEquals(3, run.exit());
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), time.sleeps());
        assertTrue(run.err().startsWith("deploy: could not reach Pulumi Cloud at http://127.0.0.1:" + closedPort
                + " for POST " + STACK + "/deployments after 4 tries ("), run.err());
    }

    @Test
    void aServerErrorWhileFollowingIsRetried() {
        created()
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 502, "")
                .expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"succeeded\"}");

        assertEquals(0, run("nonprod", "update").exit());
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    }

    @Test
    void aRejectedTokenIsNotRetriedAndNamesTheVariable() {
        cloud.expect("POST", STACK + "/deployments", 401, "{\"code\":401,\"message\":\"Unauthorized: No credentials provided or are invalid.\"}");

        Run run = run("nonprod", "update");

        assertEquals(3, run.exit());
        assertEquals(1, cloud.requests().size());
        assertEquals(List.of(), time.sleeps());
        assertEquals("deploy: Pulumi Cloud answered POST " + STACK + "/deployments with 401: the access token was"
                + " not accepted: check that PULUMI_ACCESS_TOKEN holds a valid, unexpired Pulumi access token (a"
                + " protected GitLab variable is only visible to pipelines of protected branches) (server said:"
                + " Unauthorized: No credentials provided or are invalid.)\n", run.err());
    }

    @Test
    void forbiddenAndNotFoundAreNotRetried() {
        cloud.expect("POST", STACK + "/deployments", 403, "{\"message\":\"forbidden\"}");
        Run forbidden = run("nonprod", "update");
        assertEquals(3, forbidden.exit());
        assertTrue(forbidden.err().contains("with 403: the token's owner may not do this"), forbidden.err());

        cloud.expect("POST", STACK + "/deployments", 404, "{\"message\":\"stack not found\"}");
        Run missing = run("nonprod", "update");
        assertEquals(3, missing.exit());
        assertTrue(missing.err().contains("with 404: not found: check the organization (--org / PULUMI_ORG)"), missing.err());

        assertEquals(2, cloud.requests().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void aTokenEchoedByTheServerIsMasked() {
        cloud.expect("POST", STACK + "/deployments", 400, "{\"message\":\"bad token " + TOKEN + "\"}");

        Run run = run("nonprod", "update");

        assertEquals(3, run.exit());
        assertTrue(run.err().endsWith("(server said: bad token ****)\n"), run.err());
    }

    @Test
    void timesOutWhenTheDeploymentDoesNotEnd() {
        // An empty page is no progress even under a new token: the client checks the status and waits.
        created().expect("GET", STACK + "/deployments/d-1/logs?continuationToken=", 200, "{\"lines\":[],\"nextToken\":\"t\"}")
                .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"running\"}");
        for (int i = 0; i < 4; i++) {
            cloud.expect("GET", STACK + "/deployments/d-1/logs?continuationToken=t", 200, "{\"lines\":[],\"nextToken\":\"t\"}")
                    .expect("GET", STACK + "/deployments/d-1", 200, "{\"status\":\"running\"}");
        }

        Run run = run("nonprod", "update", "--timeout", "10s");

        assertEquals(4, run.exit());
        assertEquals(0, cloud.unanswered());
        assertEquals(11, cloud.requests().size());
        assertEquals(5, time.sleeps().size());
        assertTrue(run.out().endsWith("\nTimed out after 10s: deployment d-1 has not ended. It goes on in Pulumi"
                + " Cloud; cancel it there if it should stop.\nConsole: " + CONSOLE + "\n"), run.out());
    }

    @Test
    void missingTokenOrOrganizationStopsBeforeAnyRequest() {
        env.remove("PULUMI_ACCESS_TOKEN");
        Run noToken = run("nonprod", "update");
        assertEquals(2, noToken.exit());
        assertEquals("deploy: PULUMI_ACCESS_TOKEN is not set: add it as a masked CI/CD variable (protected"
                + " variables reach only pipelines of protected branches)\n", noToken.err());

        env.put("PULUMI_ACCESS_TOKEN", TOKEN);
        env.remove("PULUMI_ORG");
        Run noOrg = run("nonprod", "update");
        assertEquals(2, noOrg.exit());
        assertEquals("deploy: no Pulumi organization: pass --org or set the CI/CD variable PULUMI_ORG\n", noOrg.err());

        assertEquals(0, cloud.requests().size());
    }

    @Test
    void rejectsUnknownOperationsAndBadNames() {
        Run apply = run("nonprod", "apply");
        assertEquals(2, apply.exit());
        assertEquals("deploy: unknown operation 'apply': expected one of preview, update, destroy, refresh\n", apply.err());

        Run slash = run("non/prod", "update");
        assertEquals(2, slash.exit());
        assertEquals("deploy: the Pulumi stack name 'non/prod' may only hold letters, digits, '_', '.' and '-'\n",
                slash.err());

        assertEquals(2, run("nonprod", "update", "--timeout", "soon").exit());
        assertEquals(0, cloud.requests().size());
    }
}
