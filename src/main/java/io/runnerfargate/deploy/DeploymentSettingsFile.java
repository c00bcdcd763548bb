package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stack's deployment settings as the repository keeps them, {@code deployments/<stack>.yaml}.
 *
 * <p>The Pulumi CLI once read such a file itself ({@code Pulumi.<stack>.deploy.yaml}) but that
 * feature was removed in Pulumi 3.251, so the project keeps its own file, in the same shape
 * (top-level {@code settings:} holding the REST API's field names), and sends it.
 *
 * <p>No secret is written in the file: {@code {secretEnv: NAME}} stands for the value of the
 * environment variable NAME sent as a secret, and {@code {env: NAME}} for a plain value taken
 * from the environment (for what differs between GitLab projects, such as the repository URL).
 */
public final class DeploymentSettingsFile {
    static final Set<String> TOP_LEVEL = Set.of("tag", "executorContext", "sourceContext", "gitHub", "vcs",
            "operationContext", "agentPoolID", "cacheOptions");
    static final Set<String> STATIC_AWS_KEYS = Set.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeploymentSettingsFile() {}

    public static Path pathFor(Path directory, String stack) {
        return directory.resolve(stack + ".yaml");
    }

    /** Reads the file and returns the merge patch to send, with every placeholder resolved. */
    public static ObjectNode load(Path file, Map<String, String> env) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("no deployment settings file " + file
                    + ": each stack keeps its settings in deployments/<stack>.yaml");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputException(file + " is not valid YAML: " + e.getMessage());
        }
        return toPatch(root, env, file.toString());
    }

    static ObjectNode toPatch(JsonNode root, Map<String, String> env, String source) {
        if (root == null || !root.isObject() || root.size() != 1 || !root.path("settings").isObject()) {
            throw new InputException(source + ": expected one top-level key, 'settings', holding a mapping");
        }
        JsonNode settings = root.get("settings");
        List<String> errors = new ArrayList<>();
        for (Iterator<String> names = settings.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) {
                errors.add("settings." + name + " is not a deployment setting (known: "
                        + String.join(", ", TOP_LEVEL.stream().sorted().toList()) + ")");
            }
        }
        JsonNode variables = settings.path("operationContext").path("environmentVariables");
        for (String key : STATIC_AWS_KEYS.stream().sorted().toList()) {
            if (variables.has(key)) {
                errors.add("settings.operationContext.environmentVariables." + key
                        + " is a static AWS credential: use operationContext.oidc.aws.roleArn instead");
            }
        }
        JsonNode resolved = resolve(settings, "settings", env, errors);
        if (!errors.isEmpty()) {
            throw new InputException(source + ":\n  " + String.join("\n  ", errors));
        }
        return (ObjectNode) resolved;
    }

    private static JsonNode resolve(JsonNode node, String path, Map<String, String> env, List<String> errors) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (node.isObject()) {
            if (node.size() == 1 && (node.has("env") || node.has("secretEnv"))) {
                boolean secret = node.has("secretEnv");
                JsonNode name = node.get(secret ? "secretEnv" : "env");
                String value = name.isTextual() ? env.get(name.asText()) : null;
                if (!name.isTextual()) {
                    errors.add(path + ": the variable name must be a string");
                } else if (value == null || value.isEmpty()) {
                    errors.add(path + ": environment variable " + name.asText() + " is not set");
                } else {
                    return secret ? nodes.objectNode().put("secret", value) : nodes.textNode(value);
                }
                return nodes.nullNode();
            }
            if (node.has("secret")) {
                errors.add(path + ": a plain-text secret does not belong in the repository;"
                        + " write {secretEnv: VARIABLE} and set VARIABLE as a masked CI/CD variable");
            }
            ObjectNode copy = nodes.objectNode();
            node.fields().forEachRemaining(field ->
                    copy.set(field.getKey(), resolve(field.getValue(), path + "." + field.getKey(), env, errors)));
            return copy;
        }
        if (node.isArray()) {
            var copy = nodes.arrayNode();
            for (int i = 0; i < node.size(); i++) {
                copy.add(resolve(node.get(i), path + "[" + i + "]", env, errors));
            }
            return copy;
        }
        return node;
    }
}
