package io.runnerfargate.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * .gitlab-ci.yml as GitLab would plan it for given CI variables: workflow rules, then each job's
 * rules (first match wins), after merging {@code extends} templates the way GitLab does (hashes
 * merged deeply, everything else replaced). Features outside that subset are refused.
 */
final class GitLabPipeline {
    /** A job GitLab would add to the pipeline, and how. */
    record Planned(String when, boolean allowFailure) {}

    static final Set<String> GLOBAL_KEYS = Set.of("workflow", "stages", "default", "variables", "include",
            "image", "services", "cache", "before_script", "after_script", "spec");
    static final Set<String> RULE_KEYS = Set.of("if", "when", "allow_failure");

    private final JsonNode root;

    private GitLabPipeline(JsonNode root) {
        this.root = root;
    }

    static GitLabPipeline load(Path file) throws IOException {
        return new GitLabPipeline(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
    }

    JsonNode root() {
        return root;
    }

    List<String> jobNames() {
        List<String> names = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!GLOBAL_KEYS.contains(name) && !name.startsWith(".")) {
                names.add(name);
            }
        });
        return names;
    }

    /** The job with its {@code extends} templates merged in. */
    JsonNode job(String name) {
        JsonNode job = root.get(name);
        if (job == null || !job.isObject()) {
            throw new IllegalArgumentException("no job " + name);
        }
        JsonNode parents = job.path("extends");
        ObjectNode merged = new ObjectMapper().createObjectNode();
        List<String> parentNames = new ArrayList<>();
        if (parents.isTextual()) {
            parentNames.add(parents.asText());
        } else {
            parents.forEach(parent -> parentNames.add(parent.asText()));
        }
        for (String parent : parentNames) {
            merge(merged, job(parent));
        }
        merge(merged, job);
        merged.remove("extends");
        return merged;
    }

    Map<String, Planned> plan(Map<String, String> variables) {
        Map<String, Planned> planned = new TreeMap<>();
        JsonNode workflow = root.path("workflow").path("rules");
        if (!workflow.isMissingNode() && firstMatch(workflow, variables, "workflow") == null) {
            return planned;
        }
        for (String name : jobNames()) {
            JsonNode job = job(name);
            for (String unsupported : List.of("only", "except")) {
                if (job.has(unsupported)) {
                    throw new IllegalArgumentException(name + " uses " + unsupported + ", which these tests do not model");
                }
            }
            JsonNode rules = job.path("rules");
            boolean jobAllowFailure = job.path("allow_failure").asBoolean(false);
            if (rules.isMissingNode()) {
                String when = job.path("when").asText("on_success");
                planned.put(name, new Planned(when, job.has("allow_failure") ? jobAllowFailure : "manual".equals(when)));
                continue;
            }
            JsonNode rule = firstMatch(rules, variables, name);
            if (rule == null) {
                continue;
            }
            String when = rule.path("when").asText(job.path("when").asText("on_success"));
            if (!"never".equals(when)) {
                planned.put(name, new Planned(when, rule.path("allow_failure").asBoolean(jobAllowFailure)));
            }
        }
        return planned;
    }

    private static JsonNode firstMatch(JsonNode rules, Map<String, String> variables, String owner) {
        for (JsonNode rule : rules) {
            for (Iterator<String> keys = rule.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!RULE_KEYS.contains(key)) {
                    throw new IllegalArgumentException(owner + " has a rule with '" + key
                            + "', which these tests do not model");
                }
            }
            if (!rule.has("if") || RuleExpression.evaluate(rule.get("if").asText(), variables)) {
                return rule;
            }
        }
        return null;
    }

    private static void merge(ObjectNode into, JsonNode from) {
        from.fields().forEachRemaining(field -> {
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        });
    }
}
