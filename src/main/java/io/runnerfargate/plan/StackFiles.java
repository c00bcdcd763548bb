package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Pulumi.yaml and Pulumi.&lt;stack&gt;.yaml the way the engine hands them to a program: full
 * keys ({@code project:key}), scalars as text, lists and maps as JSON text, the project's declared
 * defaults filled in for keys the stack does not set. Encrypted ({@code secure:}) values cannot be
 * decrypted offline: they count as set and secret, with a stand-in value.
 */
public record StackFiles(String project, String stack, Map<String, String> config, Set<String> secretKeys,
                         List<String> encryptedKeys) {

    /** What the plan uses for a value it cannot decrypt; shown only as [secret]. */
    public static final String ENCRYPTED_STAND_IN = io.runnerfargate.config.SecretText.UNREADABLE_STAND_IN;

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    public static StackFiles load(Path projectDir, String stack) throws IOException {
        JsonNode project = read(projectDir.resolve("Pulumi.yaml"));
        String projectName = project.path("name").asText("");
        if (projectName.isEmpty()) {
            throw new IOException(projectDir.resolve("Pulumi.yaml") + " has no project name");
        }
        JsonNode stackFile = read(projectDir.resolve("Pulumi." + stack + ".yaml"));

        Map<String, String> config = new LinkedHashMap<>();
        Set<String> secrets = new LinkedHashSet<>();
        List<String> encrypted = new ArrayList<>();
        var fields = stackFile.path("config").fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String key = f.getKey().contains(":") ? f.getKey() : projectName + ":" + f.getKey();
            JsonNode value = f.getValue();
            if (value.isObject() && value.has("secure")) {
                config.put(key, ENCRYPTED_STAND_IN);
                secrets.add(key);
                encrypted.add(key);
            } else {
                config.put(key, text(value));
            }
        }
        var declared = project.path("config").fields();
        while (declared.hasNext()) {
            var d = declared.next();
            String key = d.getKey().contains(":") ? d.getKey() : projectName + ":" + d.getKey();
            JsonNode def = d.getValue().isObject() ? d.getValue().get("default") : d.getValue();
            if (def != null && !def.isNull() && !config.containsKey(key)) {
                config.put(key, text(def));
            }
        }
        return new StackFiles(projectName, stack, Map.copyOf(config), Set.copyOf(secrets), List.copyOf(encrypted));
    }

    private static JsonNode read(Path file) throws IOException {
        try {
            JsonNode node = YAML.readTree(Files.readString(file));
            return node == null ? YAML.createObjectNode() : node;
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + " (run the plan from the project's top folder, or pass --dir)");
        }
    }

    private static String text(JsonNode value) throws JsonProcessingException {
        return value.isContainerNode() ? JSON.writeValueAsString(value) : value.asText();
    }
}
