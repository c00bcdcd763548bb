package io.runnerfargate.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.runnerfargate.config.StackSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders a {@link PlanResult} for people (a tree) or for tools (one JSON document). */
public final class PlanReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String INDENT = "    ";

    private PlanReport() {}

    public static String json(PlanResult plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("project", plan.project());
        doc.put("stack", plan.stack());
        doc.put("region", plan.region());
        List<Map<String, Object>> resources = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", r.type());
            m.put("name", r.name());
            m.put("parent", r.parent());
            m.put("inputs", r.inputs());
            m.put("dependsOn", r.dependsOn());
            m.put("protect", r.protect());
            resources.add(m);
        }
        doc.put("resources", resources);
        doc.put("outputs", plan.outputs());
        List<Map<String, Object>> pods = new ArrayList<>();
        for (FargatePods.Pod pod : FargatePods.of(plan.resources())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pod", pod.pod());
            m.put("requests", pod.requests().toString());
            m.put("billed", pod.billed().toString());
            pods.add(m);
        }
        doc.put("fargatePods", pods);
        List<Map<String, Object>> security = new ArrayList<>();
        for (SecurityReview.Rule rule : plan.security()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", rule.title());
            m.put("checkov", rule.checkov());
            m.put("status", rule.status().name().toLowerCase());
            m.put("detail", rule.detail());
            security.add(m);
        }
        doc.put("security", security);
        plan.cost().ifPresent(cost -> doc.put("monthlyCost", CostReport.json(cost)));
        doc.put("errors", plan.errors());
        doc.put("notes", plan.notes());
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(PlanResult plan) {
        var out = new StringBuilder();
        out.append("Plan for ").append(plan.project()).append('/').append(plan.stack())
                .append(plan.region().isEmpty() ? "" : " in " + plan.region()).append('\n');
        out.append("Offline, on Pulumi's mock runtime: what `pulumi up` would create. Nothing was created.\n");
        if (!plan.ok()) {
            out.append("\nErrors (").append(plan.errors().size()).append(plan.resources().isEmpty()
                    ? "); `pulumi up` would stop before creating anything:\n"
                    : "); `pulumi up` would fail while deploying, after registering " + plan.resources().size() + " resources:\n");
            plan.errors().forEach(e -> out.append("  - ").append(e.replace("\n", "\n    ")).append('\n'));
            appendNotes(out, plan);
            return out.toString();
        }

        Map<String, String> ids = new LinkedHashMap<>();
        plan.resources().forEach(r -> ids.put(PlanMocks.idOf(r.name()), r.name()));
        Map<String, String> commonTags = commonTags(plan.resources());
        if (!commonTags.isEmpty()) {
            out.append("Tags on every AWS resource: ").append(join(commonTags)).append('\n');
        }

        Map<String, List<PlannedResource>> children = new LinkedHashMap<>();
        List<PlannedResource> top = new ArrayList<>();
        for (PlannedResource r : plan.resources()) {
            if (r.parent() == null) {
                top.add(r);
            } else {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            }
        }
        for (PlannedResource component : top) {
            out.append('\n');
            appendResource(out, component, 0, ids, commonTags.keySet());
            appendChildren(out, component.name(), children, 1, ids, commonTags.keySet());
        }

        out.append("\nOutputs:\n");
        plan.outputs().forEach((k, v) -> out.append("  ").append(k).append(": ").append(scalar(v, ids)).append('\n'));
        long aws = plan.resources().stream().filter(r -> r.custom() && r.isAws()).count();
        long k8s = plan.resources().stream().filter(r -> r.custom() && (r.type().startsWith("kubernetes:")
                || r.type().equals("pulumi:providers:kubernetes"))).count();
        long components = plan.resources().stream().filter(r -> !r.custom()).count();
        out.append("\n").append(aws + k8s).append(" resources to create: ").append(aws).append(" in AWS, ")
                .append(k8s).append(" in Kubernetes (provider and Helm release included), in ")
                .append(components).append(" components.\n");
        List<FargatePods.Pod> pods = FargatePods.of(plan.resources());
        if (!pods.isEmpty()) {
            out.append("\nFargate pod sizes (requests, plus Fargate's 256 MB, rounded up to a Fargate size):\n");
            int width = pods.stream().mapToInt(p -> p.pod().length()).max().orElse(0);
            for (FargatePods.Pod pod : pods) {
                out.append("  ").append(String.format("%-" + width + "s", pod.pod())).append("  requests ")
                        .append(pod.requests()).append("  billed as ").append(pod.billed()).append('\n');
            }
        }
        if (!plan.security().isEmpty()) {
            out.append("\nSecurity review (what scanners check; Checkov rule ids):\n");
            int width = plan.security().stream().mapToInt(r -> r.title().length()).max().orElse(0);
            for (SecurityReview.Rule rule : plan.security()) {
                out.append("  ").append(String.format("%-8s", rule.status())).append(String.format("%-" + width + "s", rule.title()))
                        .append("  ").append(rule.checkov());
                if (!rule.detail().isEmpty()) {
                    out.append("\n          ").append(rule.detail());
                }
                out.append('\n');
            }
        }
        plan.cost().ifPresent(cost -> out.append('\n').append(CostReport.text(cost)));
        appendNotes(out, plan);
        return out.toString();
    }

    private static void appendNotes(StringBuilder out, PlanResult plan) {
        if (!plan.notes().isEmpty()) {
            out.append("\nNotes:\n");
            plan.notes().forEach(n -> out.append("  - ").append(n).append('\n'));
        }
    }

    private static void appendChildren(StringBuilder out, String parent, Map<String, List<PlannedResource>> children,
                                       int depth, Map<String, String> ids, Set<String> commonTags) {
        for (PlannedResource child : children.getOrDefault(parent, List.of())) {
            appendResource(out, child, depth, ids, commonTags);
            appendChildren(out, child.name(), children, depth + 1, ids, commonTags);
        }
    }

    private static void appendResource(StringBuilder out, PlannedResource r, int depth, Map<String, String> ids,
                                       Set<String> commonTags) {
        String pad = INDENT.repeat(depth);
        out.append(pad).append(r.custom() ? "+ " : "").append(r.type()).append("  ").append(r.name()).append('\n');
        if (!r.custom()) {
            return;
        }
        List<String[]> lines = new ArrayList<>();
        flatten("", r.inputs(), lines, ids, commonTags);
        int width = lines.stream().mapToInt(l -> l[0].length()).max().orElse(0);
        for (String[] line : lines) {
            String value = line[1];
            if (value.contains("\n")) {
                out.append(pad).append(INDENT).append(line[0]).append(": |\n");
                for (String v : value.strip().split("\n")) {
                    out.append(pad).append(INDENT).append(INDENT).append(v).append('\n');
                }
            } else {
                out.append(pad).append(INDENT).append(String.format("%-" + width + "s", line[0])).append("  ").append(value).append('\n');
            }
        }
        if (!r.dependsOn().isEmpty()) {
            out.append(pad).append(INDENT).append("after: ").append(String.join(", ", r.dependsOn())).append('\n');
        }
        if (r.protect()) {
            out.append(pad).append(INDENT).append("protected: pulumi destroy refuses to delete it\n");
        }
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, List<String[]> lines, Map<String, String> ids, Set<String> commonTags) {
        if (value instanceof Map<?, ?> map) {
            boolean isTags = prefix.equals("tags") || prefix.endsWith(".tags");
            if (isTags) {
                Map<String, String> own = new LinkedHashMap<>();
                ((Map<String, Object>) map).forEach((k, v) -> {
                    if (!commonTags.contains(k)) {
                        own.put(k, String.valueOf(v));
                    }
                });
                if (!own.isEmpty()) {
                    lines.add(new String[] {prefix, join(own)});
                }
                return;
            }
            if (map.isEmpty() && !prefix.isEmpty()) {
                lines.add(new String[] {prefix, "{}"});
            }
            ((Map<String, Object>) map).forEach((k, v) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, v, lines, ids, commonTags));
        } else if (value instanceof List<?> list && list.stream().anyMatch(i -> i instanceof Map)) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), lines, ids, commonTags);
            }
        } else {
            lines.add(new String[] {prefix, scalar(value, ids)});
        }
    }

    private static String scalar(Object value, Map<String, String> ids) {
        if (value instanceof List<?> list) {
            return list.stream().map(v -> scalar(v, ids)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String s && ids.containsKey(s)) {
            return "(id of " + ids.get(s) + ")";
        }
        if ("".equals(value)) {
            return "\"\"";
        }
        return String.valueOf(value);
    }

    /** The tags every AWS resource carries, shown once instead of on each resource. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> commonTags(List<PlannedResource> resources) {
        Map<String, String> common = null;
        for (PlannedResource r : resources) {
            if (!(r.inputs().get("tags") instanceof Map<?, ?> tags)) {
                continue;
            }
            if (common == null) {
                common = new LinkedHashMap<>();
                for (var e : ((Map<String, Object>) tags).entrySet()) {
                    common.put(e.getKey(), String.valueOf(e.getValue()));
                }
            } else {
                common.entrySet().removeIf(e -> !e.getValue().equals(String.valueOf(tags.get(e.getKey()))));
            }
        }
        if (common == null) {
            return Map.of();
        }
        // Keep the program's order: base tags first.
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String k : StackSettings.BASE_TAG_KEYS) {
            if (common.containsKey(k)) {
                ordered.put(k, common.get(k));
            }
        }
        ordered.putAll(common);
        return ordered;
    }

    private static String join(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
