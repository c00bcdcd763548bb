package io.runnerfargate.deploy;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code deploy <stack> <operation>}: runs one Pulumi Deployment and exits with its outcome. */
@Command(name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Creates a Pulumi Deployment of the stack for the commit being built, prints its log"
                    + " until it ends and exits non-zero unless it succeeded.",
            "The token is read from the environment variable PULUMI_ACCESS_TOKEN."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {
            "0:the deployment succeeded",
            "1:the deployment failed or was skipped",
            "2:bad arguments or a missing environment variable",
            "3:Pulumi Cloud refused a request or could not be reached",
            "4:the deployment did not end within --timeout"})
public final class DeployCommand implements Callable<Integer> {
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @Mixin
    CloudOptions cloud;

    @Parameters(index = "0", paramLabel = "STACK", description = "Stack name, e.g. nonprod or prod.")
    String stackName;

    @Parameters(index = "1", paramLabel = "OPERATION",
            description = "One of: preview, update, destroy, refresh.")
    String operationName;

    @Option(names = "--commit", paramLabel = "SHA",
            description = "Commit to deploy (default: environment variable CI_COMMIT_SHA; without"
                    + " either, the branch in the stack's deployment settings).")
    String commit;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60m",
            converter = DurationConverter.class,
            description = "How long to wait for the deployment to end, e.g. 45m or 2h (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--conflict-retries", paramLabel = "N", defaultValue = "20",
            description = "When another deployment of the stack is in progress (409), try again up to N"
                    + " times, 30 s apart, within --timeout (default: ${DEFAULT-VALUE}).")
    int conflictRetries;

    private final Map<String, String> env;
    private final TimeSource time;

    public DeployCommand() {
        this(System.getenv(), TimeSource.system());
    }

    DeployCommand(Map<String, String> env, TimeSource time) {
        this.env = env;
        this.time = time;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PulumiCloudHttp http = null;
        try {
            Operation operation = parseOperation();
            if (conflictRetries < 0) {
                throw new InputException("--conflict-retries must not be negative");
            }
            StackRef stack = cloud.stack(stackName, env);
            http = new PulumiCloudHttp(cloud.apiUrl(env), CloudOptions.token(env), time);
            String sha = commit != null ? commit : env.get("CI_COMMIT_SHA");
            if (sha != null && sha.isBlank()) {
                sha = null;
            }
            DeploymentRunner runner = new DeploymentRunner(new DeploymentsApi(http, stack), http, time, out,
                    POLL_INTERVAL, Duration.ofSeconds(30), conflictRetries);
            return switch (runner.run(stack, operation, sha, timeout)) {
                case SUCCEEDED -> ExitCodes.OK;
                case FAILED, SKIPPED -> ExitCodes.DEPLOYMENT_FAILED;
                case TIMED_OUT -> ExitCodes.TIMED_OUT;
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("deploy: interrupted; the deployment may still be running in Pulumi Cloud");
            return ExitCodes.TIMED_OUT;
        } catch (RuntimeException e) {
            return CommandFailures.report("deploy", err, http, e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Operation parseOperation() {
        try {
            return Operation.parse(operationName);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }
}
