package io.runnerfargate.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a merge patch changes in the current deployment settings, key by key. Arrays and secret
 * values are single leaves because a merge patch replaces them whole. Secrets are never shown,
 * and since Pulumi Cloud returns them encrypted they cannot be compared either: they are always
 * sent, and reported as such.
 */
public final class SettingsDiff {
    public enum Kind { ADDED, CHANGED, REMOVED, SECRET, UNCHANGED }

    public record Change(String path, Kind kind, String before, String after) {
        public String render() {
            return switch (kind) {
                case ADDED -> "+ " + path + ": " + after;
                case CHANGED -> "~ " + path + ": " + before + " -> " + after;
                case REMOVED -> "- " + path + ": " + before + " -> (removed)";
                case SECRET -> "* " + path + ": " + after + " (sent again: secret values are not compared)";
                case UNCHANGED -> "= " + path + ": " + after;
            };
        }
    }

    static final String MASK = "[secret]";

    private final List<Change> changes;
    private final List<String> kept;

    private SettingsDiff(List<Change> changes, List<String> kept) {
        this.changes = changes;
        this.kept = kept;
    }

    public static SettingsDiff between(JsonNode current, JsonNode patch) {
        Map<String, JsonNode> wanted = new LinkedHashMap<>();
        flatten(patch, "", wanted);
        Map<String, JsonNode> present = new LinkedHashMap<>();
        flatten(current == null || !current.isObject() ? null : current, "", present);

        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : wanted.entrySet()) {
            String path = entry.getKey();
            JsonNode after = entry.getValue();
            JsonNode before = present.get(path);
            if (after.isNull()) {
                if (before != null) {
                    changes.add(new Change(path, Kind.REMOVED, show(path, before), null));
                }
            } else if (isSecret(after)) {
                changes.add(new Change(path, Kind.SECRET, before == null ? null : MASK, MASK));
            } else if (before == null) {
                changes.add(new Change(path, Kind.ADDED, null, show(path, after)));
            } else if (before.equals(after)) {
                changes.add(new Change(path, Kind.UNCHANGED, show(path, before), show(path, after)));
            } else {
                changes.add(new Change(path, Kind.CHANGED, show(path, before), show(path, after)));
            }
        }
        List<String> kept = new ArrayList<>();
        for (String path : present.keySet()) {
            if (wanted.keySet().stream().noneMatch(w -> w.equals(path) || path.startsWith(w + "."))
                    && wanted.keySet().stream().noneMatch(w -> w.startsWith(path + "."))) {
                kept.add(path);
            }
        }
        return new SettingsDiff(List.copyOf(changes), List.copyOf(kept));
    }

    public List<Change> changes() {
        return changes;
    }

    /** Settings present in Pulumi Cloud that the file does not mention; a merge patch keeps them. */
    public List<String> kept() {
        return kept;
    }

    public boolean hasWork() {
        return changes.stream().anyMatch(change -> change.kind() != Kind.UNCHANGED);
    }

    public long count(Kind kind) {
        return changes.stream().filter(change -> change.kind() == kind).count();
    }

    private static void flatten(JsonNode node, String prefix, Map<String, JsonNode> into) {
        if (node == null) {
            return;
        }
        if (node.isObject() && !isSecret(node) && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(field.getValue(), prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node);
        }
    }

    static boolean isSecret(JsonNode node) {
        return node.isObject() && (node.has("secret") || node.has("ciphertext"));
    }

    private static String show(String path, JsonNode value) {
        if (isSecret(value) || path.contains(".gitAuth.") || path.endsWith(".gitAuth")) {
            return MASK;
        }
        return value.toString();
    }
}
