package io.runnerfargate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.config.NatMode;
import io.runnerfargate.config.SettingsError;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubnetPlanTest {
    private static final Ipv4Cidr VPC = Ipv4Cidr.parse("10.0.0.0/16");

    private static List<Ipv4Cidr> cidrs(String... blocks) {
        return java.util.Arrays.stream(blocks).map(Ipv4Cidr::parse).toList();
    }

    @Test
    void zonesAreKeyedByAvailabilityZoneLetter() {
        assertEquals("a", SubnetPlan.zoneKey("us-west-2", "us-west-2a"));
        assertEquals("lax-1a", SubnetPlan.zoneKey("us-west-2", "us-west-2-lax-1a"));
        assertEquals("eu-central-1b", SubnetPlan.zoneKey("us-west-2", "eu-central-1b"));
    }

    @Test
    void singleNatServesEveryZoneFromTheFirstPublicSubnet() {
        var plan = SubnetPlan.of(VPC, cidrs("10.0.1.0/24", "10.0.2.0/24"), cidrs("10.0.3.0/24"),
                List.of("us-west-2a", "us-west-2b"), "us-west-2", NatMode.SINGLE);
        assertEquals(List.of("a"), plan.natZones().stream().map(SubnetPlan.Zone::key).toList());
        assertEquals("a", plan.natFor(plan.zones().get(1)).orElseThrow().key());
        assertEquals(Optional.of(Ipv4Cidr.parse("10.0.3.0/24")), plan.zones().get(0).publicCidr());
        assertEquals(Optional.empty(), plan.zones().get(1).publicCidr());
    }

    @Test
    void perAzNatServesItsOwnZone() {
        var plan = SubnetPlan.of(VPC, cidrs("10.0.1.0/24", "10.0.2.0/24"), cidrs("10.0.3.0/24", "10.0.4.0/24"),
                List.of("us-west-2b", "us-west-2c"), "us-west-2", NatMode.PER_AZ);
        assertEquals(List.of("b", "c"), plan.natZones().stream().map(SubnetPlan.Zone::key).toList());
        assertEquals("c", plan.natFor(plan.zones().get(1)).orElseThrow().key());
    }

    @Test
    void noNatMeansNoRouteTarget() {
        var plan = SubnetPlan.of(VPC, cidrs("10.0.1.0/24", "10.0.2.0/24"), cidrs("10.0.3.0/24"),
                List.of("us-west-2a", "us-west-2b"), "us-west-2", NatMode.NONE);
        assertEquals(List.of(), plan.natZones());
        assertEquals(Optional.empty(), plan.natFor(plan.zones().get(0)));
    }

    @Test
    void reportsEveryProblemWithKeyValueAndWhatIsValid() {
        List<SettingsError> errors = SubnetPlan.check(VPC, cidrs("10.0.1.0/24", "10.1.2.0/24"),
                cidrs("10.0.1.128/25", "10.0.0.0/29", "10.0.5.0/24"), NatMode.PER_AZ);
        assertEquals(List.of(
                "publicSubnetCidrs: has 3 subnet(s); natGateway=perAz needs one public subnet per private subnet (2)",
                "privateSubnetCidrs[1]: \"10.1.2.0/24\" is not inside vpcCidr 10.0.0.0/16; every subnet must lie inside the VPC block",
                "publicSubnetCidrs[1]: \"10.0.0.0/29\" is a /29; AWS allows subnet blocks from /16 to /28",
                "publicSubnetCidrs[0]: \"10.0.1.128/25\" overlaps privateSubnetCidrs[0] \"10.0.1.0/24\"; subnets must not overlap"),
                errors.stream().map(Object::toString).toList());
    }

    @Test
    void singleNatNeedsAPublicSubnetAndPrivateNeedsTwo() {
        assertEquals(List.of(
                "privateSubnetCidrs: has 1 subnet(s); EKS needs at least two private subnets in different Availability Zones, e.g. [\"10.0.1.0/24\", \"10.0.2.0/24\"]",
                "publicSubnetCidrs: is empty; natGateway=single needs one public subnet for the NAT gateway, e.g. [\"10.0.3.0/24\"]"),
                SubnetPlan.check(VPC, cidrs("10.0.1.0/24"), List.of(), NatMode.SINGLE).stream().map(Object::toString).toList());
        assertEquals(List.of(), SubnetPlan.check(VPC, cidrs("10.0.1.0/24", "10.0.2.0/24"), List.of(), NatMode.NONE));
    }

    /** Property: any set of distinct /24s inside the VPC passes, and any block outside it is named. */
    @Test
    void randomLayoutsInsideTheVpcPassAndOutsideFail() {
        var random = new Random(20261203L);
        for (int run = 0; run < 200; run++) {
            var thirds = random.ints(0, 256).distinct().limit(4).boxed().toList();
            var privates = cidrs("10.0." + thirds.get(0) + ".0/24", "10.0." + thirds.get(1) + ".0/24");
            var publics = cidrs("10.0." + thirds.get(2) + ".0/24", "10.0." + thirds.get(3) + ".0/24");
            assertEquals(List.of(), SubnetPlan.check(VPC, privates, publics, NatMode.PER_AZ), "layout " + thirds);
            var outside = cidrs("10." + (1 + random.nextInt(254)) + ".0.0/24");
            var errors = SubnetPlan.check(VPC, List.of(privates.get(0), outside.get(0)), publics, NatMode.PER_AZ);
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).toString().startsWith("privateSubnetCidrs[1]: \"" + outside.get(0) + "\" is not inside vpcCidr"));
        }
    }
}
