package io.runnerfargate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pulumi.yaml declares exactly the keys the program reads, with the program's own defaults. */
class PulumiYamlTest {

    @Test
    void configBlockMatchesTheProgramsKeys() throws Exception {
        JsonNode project = new YAMLMapper().readTree(Path.of("Pulumi.yaml").toFile());
        assertEquals("gitlab-runner-fargate", project.get("name").asText());
        assertEquals("java", project.get("runtime").get("name").asText());
        assertEquals("target/gitlab-runner-fargate.jar", project.get("runtime").get("options").get("binary").asText());
        JsonNode config = project.get("config");
        List<String> declared = new ArrayList<>();
        config.fieldNames().forEachRemaining(declared::add);
        assertEquals(SettingKey.ALL.stream().map(SettingKey::name).toList(), declared);
        var json = new ObjectMapper();
        for (SettingKey key : SettingKey.ALL) {
            JsonNode entry = config.get(key.name());
            if (!key.type().equals("object")) {
                assertEquals(key.type(), entry.get("type").asText(), key.name());
            }
            assertEquals(key.description(), entry.get("description").asText(), key.name());
            JsonNode def = entry.get("default");
            if (key.defaultValue() == null) {
                assertEquals(null, def, key.name());
            } else if (key.type().equals("array")) {
                assertEquals(json.readTree(key.defaultValue()), def, key.name());
            } else {
                assertEquals(key.defaultValue(), def.asText(), key.name());
            }
        }
    }
}
