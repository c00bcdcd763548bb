package io.runnerfargate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.Context;
import io.runnerfargate.config.StackSettings;
import java.util.Map;
import java.util.Set;

/** The Pulumi program as the engine runs it: settings from the engine's config, then the stack. */
public final class RunnerProgram {
    private RunnerProgram() {}

    public static void run(Context ctx) {
        StackSettings settings = settingsFromEngine(ctx.projectName(), ctx.stackName());
        settings.warnings().forEach(ctx.log()::warn);
        RunnerStack.define(ctx, settings);
    }

    /**
     * The engine hands the whole stack config to the language host as JSON in PULUMI_CONFIG and the
     * encrypted keys in PULUMI_CONFIG_SECRET_KEYS (the same variables pulumi-java's own Config reads).
     * Reading the whole map lets a misspelt key be reported instead of silently ignored.
     */
    static StackSettings settingsFromEngine(String project, String stack) {
        return parseEngineConfig(project, stack, System.getenv().getOrDefault("PULUMI_CONFIG", "{}"),
                System.getenv().getOrDefault("PULUMI_CONFIG_SECRET_KEYS", "[]"));
    }

    static StackSettings parseEngineConfig(String project, String stack, String config, String secretKeys) {
        var json = new ObjectMapper();
        try {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            // Structured values arrive as JSON text; should one arrive as JSON itself, keep it as its text.
            json.readTree(config).fields().forEachRemaining(e ->
                    values.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            Set<String> secrets = json.readValue(secretKeys, new TypeReference<Set<String>>() {});
            return StackSettings.parse(project, stack, values, secrets);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the engine's config is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
