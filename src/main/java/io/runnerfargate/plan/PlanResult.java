package io.runnerfargate.plan;

import io.runnerfargate.cost.MonthlyCost;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a plan found: the resources in the order the program declares them, the stack outputs
 * (secrets as "[secret]"), the errors that stop {@code pulumi up}, notes for the reader, and the
 * estimated monthly cost of what would be created (null when the plan failed).
 */
public record PlanResult(
        String project,
        String stack,
        String region,
        List<PlannedResource> resources,
        Map<String, Object> outputs,
        List<String> errors,
        List<String> notes,
        MonthlyCost monthlyCost,
        List<SecurityReview.Rule> security) {

    public PlanResult {
        resources = List.copyOf(resources);
        errors = List.copyOf(errors);
        notes = List.copyOf(notes);
        security = List.copyOf(security);
    }

    /** A plan that stopped at errors: nothing to estimate or review. */
    public PlanResult(String project, String stack, String region, List<PlannedResource> resources,
                      Map<String, Object> outputs, List<String> errors, List<String> notes) {
        this(project, stack, region, resources, outputs, errors, notes, null, List.of());
    }

    public Optional<MonthlyCost> cost() {
        return Optional.ofNullable(monthlyCost);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<PlannedResource> named(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public PlannedResource require(String name) {
        return named(name).orElseThrow(() -> new IllegalArgumentException("no resource named " + name + " in the plan"));
    }
}
