package io.runnerfargate.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.TestStacks;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Logical names are identities: a rename replaces the live resource, and a subnet with ENIs in it
 * cannot be replaced. Names are keyed by zone, never by list position.
 */
class StableNamesTest {
    private static final String THREE_ZONES = "[\"us-west-2a\",\"us-west-2b\",\"us-west-2c\"]";

    private static Set<String> names(PlanResult plan) {
        return plan.resources().stream().map(PlannedResource::name).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void twoPlansOfTheSameStackAreIdentical() {
        assertEquals(PlanReport.json(TestStacks.plan("prod", Map.of())), PlanReport.json(TestStacks.plan("prod", Map.of())));
        assertEquals(PlanReport.text(TestStacks.plan("nonprod", Map.of())), PlanReport.text(TestStacks.plan("nonprod", Map.of())));
    }

    @Test
    void removingTheLastZoneRemovesOnlyItsOwnResources() {
        PlanResult three = TestStacks.plan("prod", Map.of("natGateway", "perAz", "availabilityZones", THREE_ZONES,
                "privateSubnetCidrs", "[\"10.0.1.0/24\",\"10.0.2.0/24\",\"10.0.3.0/24\"]",
                "publicSubnetCidrs", "[\"10.0.11.0/24\",\"10.0.12.0/24\",\"10.0.13.0/24\"]"));
        PlanResult two = TestStacks.plan("prod", Map.of("natGateway", "perAz", "availabilityZones", "[\"us-west-2a\",\"us-west-2b\"]",
                "privateSubnetCidrs", "[\"10.0.1.0/24\",\"10.0.2.0/24\"]",
                "publicSubnetCidrs", "[\"10.0.11.0/24\",\"10.0.12.0/24\"]"));
        Set<String> gone = new TreeSet<>(names(three));
        gone.removeAll(names(two));
        assertEquals(Set.of("prod-nat-c", "prod-nat-eip-c", "prod-private-c", "prod-private-default-c", "prod-private-rt-c",
                "prod-private-rta-c", "prod-public-c", "prod-public-rta-c"), gone);
        assertTrue(names(three).containsAll(names(two)));
        assertEquals(three.require("prod-private-b").inputs(), two.require("prod-private-b").inputs());
    }

    @Test
    void reorderingZonesRenamesNothing() {
        PlanResult ab = TestStacks.plan("prod", Map.of("availabilityZones", "[\"us-west-2a\",\"us-west-2b\"]",
                "privateSubnetCidrs", "[\"10.0.1.0/24\",\"10.0.2.0/24\"]"));
        PlanResult ba = TestStacks.plan("prod", Map.of("availabilityZones", "[\"us-west-2b\",\"us-west-2a\"]",
                "privateSubnetCidrs", "[\"10.0.2.0/24\",\"10.0.1.0/24\"]", "publicSubnetCidrs", "[\"10.0.3.0/24\"]"));
        assertEquals(names(ab).stream().filter(n -> !n.contains("public") && !n.contains("nat")).toList(),
                names(ba).stream().filter(n -> !n.contains("public") && !n.contains("nat")).toList());
        assertEquals(ab.require("prod-private-a").inputs(), ba.require("prod-private-a").inputs());
        assertEquals(ab.require("prod-private-b").inputs(), ba.require("prod-private-b").inputs());
    }
}
