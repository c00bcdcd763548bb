package io.runnerfargate.deploy;

/** Exit codes of {@code deploy} and {@code deploy-settings}, listed in docs/deployments.md. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The deployment ended failed, skipped or with a status this tool does not know. */
    public static final int DEPLOYMENT_FAILED = 1;
    /** Bad arguments, a missing environment variable or an invalid settings file. */
    public static final int INPUT_ERROR = 2;
    /** Pulumi Cloud refused a request or could not be reached. */
    public static final int API_ERROR = 3;
    /** The deployment did not end within --timeout. */
    public static final int TIMED_OUT = 4;

    private ExitCodes() {}
}
