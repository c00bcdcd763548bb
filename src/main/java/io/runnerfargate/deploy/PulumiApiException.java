package io.runnerfargate.deploy;

/**
 * A request to Pulumi Cloud that did not succeed. The message says what to check; it never holds
 * the access token. Status 0 means no HTTP answer was had (connection failure).
 */
public final class PulumiApiException extends RuntimeException {
    private final int status;

    public PulumiApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
