package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Creates a deployment and stays with it until it ends, printing its log as it grows. The result
 * is taken from the deployment's final status, never from the log having ended: only
 * {@code succeeded} is a success, so a failed or skipped deployment fails the pipeline job.
 */
public final class DeploymentRunner {
    /** How a run ended; each maps to one exit code of the {@code deploy} command. */
    public enum Result { SUCCEEDED, FAILED, SKIPPED, TIMED_OUT }

    static final Set<String> RUNNING = Set.of("not-started", "accepted", "running");

    private final DeploymentsApi api;
    private final TimeSource time;
    private final PrintWriter out;
    private final Duration pollInterval;
    private final Duration conflictWait;
    private final int conflictRetries;
    private final PulumiCloudHttp http;

    public DeploymentRunner(DeploymentsApi api, PulumiCloudHttp http, TimeSource time, PrintWriter out,
                            Duration pollInterval, Duration conflictWait, int conflictRetries) {
        this.api = api;
        this.http = http;
        this.time = time;
        this.out = out;
        this.pollInterval = pollInterval;
        this.conflictWait = conflictWait;
        this.conflictRetries = conflictRetries;
    }

    public Result run(StackRef stack, Operation operation, String commit, Duration timeout)
            throws InterruptedException {
        Instant deadline = time.now().plus(timeout);
        DeploymentsApi.Created created = createWaitingOutConflicts(stack, operation, commit, deadline);
        if (created == null) {
            out.println("Timed out after " + describe(timeout) + " waiting for the stack to be free;"
                    + " no deployment was created.");
            return Result.TIMED_OUT;
        }
        out.println("Deployment " + created.id() + " (" + operation.apiName() + " of " + stack + ")"
                + (commit == null ? "" : " at commit " + commit) + " created.");
        printConsoleUrl(created);
        out.flush();

        if (!followLog(created.id(), deadline)) {
            return timedOut(created, timeout);
        }
        JsonNode deployment = api.deployment(created.id());
        while (RUNNING.contains(status(deployment))) {
            if (!time.now().isBefore(deadline)) {
                return timedOut(created, timeout);
            }
            time.sleep(pollInterval);
            deployment = api.deployment(created.id());
        }
        String status = status(deployment);
        String version = deployment.path("version").asText("?");
        Result result = switch (status) {
            case "succeeded" -> Result.SUCCEEDED;
            case "skipped" -> Result.SKIPPED;
            default -> Result.FAILED;
        };
        out.println();
        out.println(switch (result) {
            case SUCCEEDED -> "Deployment " + created.id() + " (version " + version + ") succeeded.";
            case SKIPPED -> "Deployment " + created.id() + " (version " + version + ") was skipped by"
                    + " Pulumi Cloud: nothing ran, so the " + operation.apiName() + " did not happen.";
            default -> "Deployment " + created.id() + " (version " + version + ") ended with status '"
                    + status + "': the " + operation.apiName() + " did not succeed.";
        });
        printConsoleUrl(created);
        out.flush();
        return result;
    }

    private DeploymentsApi.Created createWaitingOutConflicts(StackRef stack, Operation operation,
                                                             String commit, Instant deadline)
            throws InterruptedException {
        for (int conflicts = 0; ; conflicts++) {
            try {
                return api.create(operation, commit);
            } catch (PulumiApiException e) {
                if (e.status() != 409 || conflicts >= conflictRetries) {
                    throw e;
                }
                if (!time.now().plus(conflictWait).isBefore(deadline)) {
                    return null;
                }
                out.println("Another deployment of " + stack + " is in progress (409); trying again in "
                        + conflictWait.toSeconds() + " s (" + (conflicts + 1) + " of " + conflictRetries + ").");
                out.flush();
                time.sleep(conflictWait);
            }
        }
    }

    /**
     * Follows the log with continuation tokens until the API says it is complete (an empty next
     * token). While no lines arrive it polls the status, and once the deployment has ended it
     * reads one more page before stopping, so no late lines are lost. Returns false on timeout.
     */
    private boolean followLog(String id, Instant deadline) throws InterruptedException {
        String token = "";
        String header = "";
        boolean ended = false;
        while (true) {
            if (!time.now().isBefore(deadline)) {
                return false;
            }
            DeploymentsApi.LogPage page = api.logs(id, token);
            for (DeploymentsApi.LogLine line : page.lines()) {
                if (!line.header().isEmpty() && !line.header().equals(header)) {
                    header = line.header();
                    out.println("== " + http.redact(header) + " ==");
                }
                out.println(http.redact(stripNewline(line.line())));
            }
            out.flush();
            String next = page.nextToken();
            if (next.isEmpty()) {
                return true;
            }
            // A page with no lines is no progress, even under a new token: wait before asking again,
            // so that a server that rotates tokens on empty pages is not polled in a tight loop.
            boolean progressed = !page.lines().isEmpty();
            token = next;
            if (progressed) {
                continue;
            }
            if (ended) {
                return true;
            }
            if (!RUNNING.contains(status(api.deployment(id)))) {
                ended = true;
                continue;
            }
            time.sleep(pollInterval);
        }
    }

    private Result timedOut(DeploymentsApi.Created created, Duration timeout) {
        out.println();
        out.println("Timed out after " + describe(timeout) + ": deployment " + created.id()
                + " has not ended. It goes on in Pulumi Cloud; cancel it there if it should stop.");
        printConsoleUrl(created);
        out.flush();
        return Result.TIMED_OUT;
    }

    private void printConsoleUrl(DeploymentsApi.Created created) {
        if (!created.consoleUrl().isEmpty()) {
            out.println("Console: " + created.consoleUrl());
        }
    }

    private static String status(JsonNode deployment) {
        return deployment.path("status").asText("");
    }

    static String describe(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }

    private static String stripNewline(String line) {
        return line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
    }
}
