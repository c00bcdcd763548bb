package io.runnerfargate.deploy;

import java.io.PrintWriter;

/** How the deploy commands report a failure: one line on stderr, the token masked, and an exit code. */
final class CommandFailures {
    private CommandFailures() {}

    /** {@code http} may be null when the failure came before the client existed (no token to mask then). */
    static int report(String command, PrintWriter err, PulumiCloudHttp http, RuntimeException e) {
        if (e instanceof InputException) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        if (e instanceof PulumiApiException) {
            err.println(command + ": " + e.getMessage());
            return ExitCodes.API_ERROR;
        }
        String message = String.valueOf(e.getMessage());
        err.println(command + ": unexpected " + e.getClass().getSimpleName() + ": " + (http == null ? message : http.redact(message)));
        return ExitCodes.API_ERROR;
    }
}
