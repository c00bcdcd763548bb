package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The Pulumi Deployments endpoints of one stack that the commands use. */
public final class DeploymentsApi {
    /** What creating a deployment returns. */
    public record Created(String id, String consoleUrl) {}

    /** One line of a deployment's log. */
    public record LogLine(String header, String timestamp, String line) {}

    /** A page of the log; an empty {@code nextToken} means the log is complete. */
    public record LogPage(List<LogLine> lines, String nextToken) {}

    private final PulumiCloudHttp http;
    private final StackRef stack;

    public DeploymentsApi(PulumiCloudHttp http, StackRef stack) {
        this.http = http;
        this.stack = stack;
    }

    /**
     * Creates a deployment that inherits the stack's settings; a commit, when given, pins the
     * source to exactly what the pipeline built and tested instead of the tip of the branch.
     */
    public Created create(Operation operation, String commit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("operation", operation.apiName());
        body.put("inheritSettings", true);
        if (commit != null) {
            body.putObject("sourceContext").putObject("git").put("commit", commit);
        }
        JsonNode answer = http.post(stack.apiPath() + "/deployments", body);
        String id = answer.path("id").asText("");
        if (id.isEmpty()) {
            throw new PulumiApiException(200, "Pulumi Cloud created no deployment id for " + stack
                    + ": the answer had no 'id'");
        }
        return new Created(id, answer.path("consoleUrl").asText(""));
    }

    public JsonNode deployment(String id) {
        return http.get(deploymentPath(id));
    }

    public LogPage logs(String id, String continuationToken) {
        JsonNode answer = http.get(deploymentPath(id) + "/logs?continuationToken="
                + URLEncoder.encode(continuationToken, StandardCharsets.UTF_8));
        List<LogLine> lines = new ArrayList<>();
        for (JsonNode line : answer.path("lines")) {
            lines.add(new LogLine(line.path("header").asText(""), line.path("timestamp").asText(""),
                    line.path("line").asText("")));
        }
        return new LogPage(lines, answer.path("nextToken").asText(""));
    }

    public JsonNode settings() {
        return http.get(stack.apiPath() + "/deployments/settings");
    }

    /** Sends a JSON merge patch: keys present are set, {@code null} removes, others are kept. */
    public JsonNode patchSettings(JsonNode patch) {
        return http.post(stack.apiPath() + "/deployments/settings", patch);
    }

    private String deploymentPath(String id) {
        return stack.apiPath() + "/deployments/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
