package io.runnerfargate.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict typed reads of raw stack config values, collecting one {@link SettingsError} per bad
 * value instead of stopping at the first. Values arrive as the engine passes them: scalars as
 * text, lists and maps as JSON text.
 */
final class ConfigReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> values;
    private final Set<String> secretKeys;
    private final List<SettingsError> errors = new ArrayList<>();

    ConfigReader(Map<String, String> values, Set<String> secretKeys) {
        this.values = values;
        this.secretKeys = secretKeys;
    }

    List<SettingsError> errors() {
        return errors;
    }

    void error(String key, String message) {
        errors.add(new SettingsError(key, message));
    }

    boolean isSet(String key) {
        return values.containsKey(key);
    }

    boolean isSecret(String key) {
        return secretKeys.contains(key);
    }

    Optional<String> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    String string(String key, String fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.isBlank()) {
            error(key, "is empty; remove the key to use the default" + (fallback == null ? "" : " (" + fallback + ")"));
            return fallback;
        }
        return v.trim();
    }

    /** Only the words true and false: {@code Config.getBoolean} would read "ture" as false. */
    boolean bool(String key, boolean fallback) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        return switch (v.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                error(key, quote(v) + " is not a boolean; use true or false");
                yield fallback;
            }
        };
    }

    int integer(String key, int fallback, int min, int max) {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                error(key, n + " is out of range; use a whole number from " + min + " to " + max);
                return fallback;
            }
            return n;
        } catch (NumberFormatException e) {
            error(key, quote(v) + " is not a whole number; use one from " + min + " to " + max);
            return fallback;
        }
    }

    /** A list of strings; {@code example} shows the expected shape in the error. */
    Optional<List<String>> stringList(String key, String example) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        JsonNode node = parseJson(v);
        if (node == null || !node.isArray()) {
            error(key, quote(v) + " is not a list; write it as a YAML list in the stack file, e.g. " + example);
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                error(key, "has the item " + item + ", which is not a non-empty string; e.g. " + example);
                return Optional.empty();
            }
            out.add(item.asText().trim());
        }
        return Optional.of(List.copyOf(out));
    }

    Optional<Map<String, String>> stringMap(String key, String example) {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        JsonNode node = parseJson(v);
        if (node == null || !node.isObject()) {
            error(key, quote(v) + " is not a map of names to values; e.g. " + example);
            return Optional.empty();
        }
        Map<String, String> out = new LinkedHashMap<>();
        var fields = node.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            if (!f.getValue().isValueNode() || f.getValue().isNull()) {
                error(key + "." + f.getKey(), "is " + f.getValue() + "; a tag value must be a string");
                continue;
            }
            out.put(f.getKey(), f.getValue().asText());
        }
        return Optional.of(out);
    }

    private static JsonNode parseJson(String v) {
        try {
            return JSON.readTree(v);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static String quote(String v) {
        return "\"" + v + "\"";
    }
}
