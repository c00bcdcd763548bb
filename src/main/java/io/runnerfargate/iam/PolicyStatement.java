package io.runnerfargate.iam;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * One Allow statement. Actions and resources keep the order they were added in and drop repeats,
 * so the printed policy is the same on every run and reads in the order of the program.
 */
public record PolicyStatement(String sid, List<String> actions, List<String> resources,
                              Map<String, Map<String, Object>> condition) {

    public PolicyStatement {
        actions = List.copyOf(new LinkedHashSet<>(actions));
        resources = List.copyOf(new LinkedHashSet<>(resources));
        condition = condition == null ? Map.of() : copy(condition);
        if (actions.isEmpty() || resources.isEmpty()) {
            throw new IllegalArgumentException("statement " + sid + " needs at least one action and one resource");
        }
    }

    public PolicyStatement(String sid, List<String> actions, List<String> resources) {
        this(sid, actions, resources, Map.of());
    }

    /** Sid, Effect, Action, Resource, Condition: the order IAM's own examples use. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Sid", sid);
        m.put("Effect", "Allow");
        m.put("Action", actions);
        m.put("Resource", resources.size() == 1 ? resources.get(0) : resources);
        if (!condition.isEmpty()) {
            m.put("Condition", condition);
        }
        return m;
    }

    private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> condition) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        condition.forEach((operator, keys) -> out.put(operator, new LinkedHashMap<>(keys)));
        return out;
    }
}
