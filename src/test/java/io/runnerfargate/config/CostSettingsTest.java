package io.runnerfargate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostSettingsTest {
    private static final String P = "gitlab-runner-fargate";

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("aws:region", "us-west-2");
        config.put(P + ":runnerTokenSecretName", "GitLabRunnerToken");
        config.put(P + ":publicAccessCidrs", "[\"198.51.100.0/24\"]");
        return config;
    }

    private static StackSettings parse(Map<String, String> config) {
        return StackSettings.parse(P, "nonprod", config, Set.of());
    }

    private static List<String> errors(Map<String, String> overrides) {
        Map<String, String> config = valid();
        overrides.forEach((k, v) -> config.put(P + ":" + k, v));
        var e = assertThrows(InvalidSettingsException.class, () -> parse(config));
        return e.errors().stream().map(SettingsError::toString).toList();
    }

    @Test
    void defaults() {
        StackSettings s = parse(valid());
        assertTrue(s.s3GatewayEndpoint());
        assertEquals(100, s.natDataGbPerMonth());
        assertEquals(40, s.jobHoursPerMonth());
        assertEquals(1, s.logGbPerMonth());
    }

    @Test
    void valuesAreRead() {
        Map<String, String> config = valid();
        config.put(P + ":s3GatewayEndpoint", "false");
        config.put(P + ":natDataGbPerMonth", "0");
        config.put(P + ":jobHoursPerMonth", "146000");
        config.put(P + ":logGbPerMonth", "25");
        StackSettings s = parse(config);
        assertFalse(s.s3GatewayEndpoint());
        assertEquals(0, s.natDataGbPerMonth());
        assertEquals(146000, s.jobHoursPerMonth());
        assertEquals(25, s.logGbPerMonth());
    }

    @Test
    void badValuesAreReportedTogetherWithKeyValueAndRange() {
        assertEquals(List.of(
                        "s3GatewayEndpoint: \"yes\" is not a boolean; use true or false",
                        "natDataGbPerMonth: -5 is out of range; use a whole number from 0 to 1000000",
                        "jobHoursPerMonth: \"lots\" is not a whole number; use one from 0 to 146000",
                        "logGbPerMonth: \"0.5\" is not a whole number; use one from 0 to 100000"),
                errors(Map.of("s3GatewayEndpoint", "yes", "natDataGbPerMonth", "-5", "jobHoursPerMonth", "lots",
                        "logGbPerMonth", "0.5")));
        assertEquals(List.of("jobHoursPerMonth: 146001 is out of range; use a whole number from 0 to 146000"),
                errors(Map.of("jobHoursPerMonth", "146001")));
        assertEquals(List.of("s3GatewayEndpoint: \"ture\" is not a boolean; use true or false"),
                errors(Map.of("s3GatewayEndpoint", "ture")));
    }

    @Test
    void pulumiYamlDeclaresTheNewKeysAsSettingKeyDoes() throws java.io.IOException {
        var project = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(java.nio.file.Path.of("Pulumi.yaml").toFile());
        for (String key : List.of("s3GatewayEndpoint", "natDataGbPerMonth", "jobHoursPerMonth", "logGbPerMonth")) {
            SettingKey declared = SettingKey.named(key).orElseThrow();
            var node = project.path("config").path(key);
            assertEquals(declared.type(), node.path("type").asText(), key);
            assertEquals(declared.defaultValue(), node.path("default").asText(), key);
            assertEquals(declared.description(), node.path("description").asText(), key);
        }
    }

    @Test
    void theNewKeysAreDeclaredWithTheirDefaults() {
        assertEquals("true", SettingKey.named("s3GatewayEndpoint").orElseThrow().defaultValue());
        assertEquals("100", SettingKey.named("natDataGbPerMonth").orElseThrow().defaultValue());
        assertEquals("40", SettingKey.named("jobHoursPerMonth").orElseThrow().defaultValue());
        assertEquals("1", SettingKey.named("logGbPerMonth").orElseThrow().defaultValue());
    }
}
