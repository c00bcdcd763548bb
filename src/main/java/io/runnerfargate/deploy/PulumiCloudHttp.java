package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends JSON requests to the Pulumi Cloud REST API with the access token, retries what can
 * succeed on a second try (429, 5xx, no connection) a bounded number of times, and turns every
 * other answer into a {@link PulumiApiException} whose message names what to check.
 *
 * <p>The token is held here only; every message that leaves this class passes through
 * {@link #redact(String)}, so even a server that echoed it back could not print it.
 */
public final class PulumiCloudHttp {
    /** Tries per request, the first included. */
    public static final int MAX_ATTEMPTS = 4;

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(2);
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String token;
    private final HttpClient client;
    private final TimeSource time;

    public PulumiCloudHttp(URI baseUrl, String token, TimeSource time) {
        this(baseUrl, token, time, HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(15))
                .build());
    }

    PulumiCloudHttp(URI baseUrl, String token, TimeSource time, HttpClient client) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no Pulumi access token");
        }
        String base = baseUrl.toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.token = token;
        this.time = time;
        this.client = client;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    /**
     * One request with bounded retries. A retried POST that creates a deployment may, after a
     * 5xx or a dropped connection, have been created once already; Pulumi queues deployments of
     * one stack, and each operation here is idempotent, so a duplicate costs time, not state.
     */
    JsonNode send(String method, String path, JsonNode body) {
        String what = method + " " + path;
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = client.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new PulumiApiException(0, redact("could not reach Pulumi Cloud at " + baseUrl
                            + " for " + what + " after " + attempt + " tries (" + e + "): check the API URL"
                            + " (--api-url / PULUMI_API_URL) and the network from this job"));
                }
                pause(backoff(attempt));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PulumiApiException(0, "interrupted during " + what);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return parse(response.body(), what);
            }
            boolean retryable = status == 429 || status >= 500;
            if (!retryable || attempt == MAX_ATTEMPTS) {
                throw new PulumiApiException(status, redact(explain(status, what, response.body(), attempt)));
            }
            pause(status == 429 ? retryAfter(response).orElse(backoff(attempt)) : backoff(attempt));
        }
    }

    private HttpRequest request(String method, String path, JsonNode body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "token " + token)
                .header("Accept", "application/vnd.pulumi+8")
                .header("User-Agent", "gitlab-runner-fargate-deploy");
        if (body == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private JsonNode parse(String text, String what) {
        if (text == null || text.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new PulumiApiException(200, "Pulumi Cloud answered " + what + " with a body that is not JSON: "
                    + redact(abbreviate(text)) + " (is --api-url / PULUMI_API_URL the API, not the console?)");
        }
    }

    static Duration backoff(int attempt) {
        return FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                Duration wait = Duration.ofSeconds(Math.max(1, seconds));
                return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private void pause(Duration duration) {
        try {
            time.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PulumiApiException(0, "interrupted while waiting to retry");
        }
    }

    private static String explain(int status, String what, String body, int attempts) {
        String server = serverMessage(body);
        String prefix = "Pulumi Cloud answered " + what + " with " + status;
        String hint = switch (status) {
            case 400, 422 -> "the request was rejected; check the deployment settings and the operation";
            case 401 -> "the access token was not accepted: check that PULUMI_ACCESS_TOKEN holds a valid,"
                    + " unexpired Pulumi access token (a protected GitLab variable is only visible to"
                    + " pipelines of protected branches)";
            case 403 -> "the token's owner may not do this: check that the user or team behind"
                    + " PULUMI_ACCESS_TOKEN has write access to the stack and that the organization"
                    + " has Pulumi Deployments enabled";
            case 404 -> "not found: check the organization (--org / PULUMI_ORG), the project (--project)"
                    + " and the stack name, and that the stack exists in Pulumi Cloud";
            case 409 -> "conflict: another deployment or update of this stack is in progress; wait for it"
                    + " or cancel it in the Pulumi Cloud console";
            case 429 -> "rate limited, still after " + attempts + " tries; run fewer deployments at once"
                    + " or try again later";
            default -> status >= 500
                    ? "a server error, still after " + attempts + " tries; see the Pulumi status page"
                            + " and try again later"
                    : "an unexpected answer";
        };
        return prefix + ": " + hint + (server.isEmpty() ? "" : " (server said: " + server + ")");
    }

    private static String serverMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node.hasNonNull("message")) {
                return abbreviate(node.get("message").asText());
            }
        } catch (IOException e) {
            // Not JSON: an HTML error page from a proxy, shown shortened.
        }
        return abbreviate(body);
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    /** Removes the token from any text, for messages and for log lines printed from the API. */
    public String redact(String text) {
        return text == null ? null : text.replace(token, "****");
    }

    public URI baseUrl() {
        return baseUrl;
    }
}
