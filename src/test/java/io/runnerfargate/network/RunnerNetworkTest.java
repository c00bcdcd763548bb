package io.runnerfargate.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.runnerfargate.TestStacks;
import io.runnerfargate.plan.PlanResult;
import io.runnerfargate.plan.PlannedResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The network as the program registers it on the mock runtime; ids are "<name>-id". */
class RunnerNetworkTest {
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String ROUTE = "aws:ec2/route:Route";

    private static List<String> names(PlanResult plan, String type) {
        return plan.ofType(type).stream().map(PlannedResource::name).toList();
    }

    @Test
    void nonprodHasTheHandBuiltNetworkExactly() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        assertEquals(List.of(), plan.errors());

        PlannedResource vpc = plan.require("nonprod-vpc");
        assertEquals("10.0.0.0/16", vpc.input("cidrBlock"));
        assertEquals(true, vpc.input("enableDnsSupport"));
        assertEquals(true, vpc.input("enableDnsHostnames"));
        assertEquals("nonprod-network", vpc.parent());

        assertEquals(List.of("nonprod-private-a", "nonprod-private-b", "nonprod-public-a"), names(plan, SUBNET));
        assertSubnet(plan.require("nonprod-private-a"), "10.0.1.0/24", "us-west-2a", "kubernetes.io/role/internal-elb");
        assertSubnet(plan.require("nonprod-private-b"), "10.0.2.0/24", "us-west-2b", "kubernetes.io/role/internal-elb");
        assertSubnet(plan.require("nonprod-public-a"), "10.0.3.0/24", "us-west-2a", "kubernetes.io/role/elb");

        assertEquals(List.of("nonprod-igw"), names(plan, "aws:ec2/internetGateway:InternetGateway"));
        assertEquals(List.of("nonprod-nat-eip-a"), names(plan, "aws:ec2/eip:Eip"));
        assertEquals("vpc", plan.require("nonprod-nat-eip-a").input("domain"));
        PlannedResource nat = plan.require("nonprod-nat-a");
        assertEquals("nonprod-nat-eip-a-id", nat.input("allocationId"));
        assertEquals("nonprod-public-a-id", nat.input("subnetId"));
        assertEquals(List.of("nonprod-nat-a"), names(plan, "aws:ec2/natGateway:NatGateway"));
    }

    private static void assertSubnet(PlannedResource subnet, String cidr, String az, String roleTag) {
        assertEquals(cidr, subnet.input("cidrBlock"));
        assertEquals(az, subnet.input("availabilityZone"));
        assertEquals(false, subnet.input("mapPublicIpOnLaunch"));
        assertEquals("nonprod-vpc-id", subnet.input("vpcId"));
        assertEquals("1", subnet.input("tags", roleTag));
        assertEquals("shared", subnet.input("tags", "kubernetes.io/cluster/nonprod-eks-cluster"));
        assertEquals(subnet.name(), subnet.input("tags", "Name"));
        assertEquals("nonprod", subnet.input("tags", "Environment"));
    }

    @Test
    void singleNatRoutesEveryPrivateTableToTheOneNatAndPublicToTheIgw() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        assertEquals(List.of("nonprod-public-default", "nonprod-private-default-a", "nonprod-private-default-b"), names(plan, ROUTE));
        assertRoute(plan, "nonprod-public-default", "nonprod-public-rt", "gatewayId", "nonprod-igw-id");
        assertRoute(plan, "nonprod-private-default-a", "nonprod-private-rt-a", "natGatewayId", "nonprod-nat-a-id");
        assertRoute(plan, "nonprod-private-default-b", "nonprod-private-rt-b", "natGatewayId", "nonprod-nat-a-id");
        assertAssociation(plan, "nonprod-public-rta-a", "nonprod-public-rt", "nonprod-public-a");
        assertAssociation(plan, "nonprod-private-rta-a", "nonprod-private-rt-a", "nonprod-private-a");
        assertAssociation(plan, "nonprod-private-rta-b", "nonprod-private-rt-b", "nonprod-private-b");
    }

    @Test
    void perAzRoutesEachPrivateTableToTheNatInItsOwnZone() {
        PlanResult plan = TestStacks.plan("prod", Map.of("natGateway", "perAz",
                "publicSubnetCidrs", "[\"10.0.3.0/24\",\"10.0.4.0/24\"]"));
        assertEquals(List.of("prod-nat-a", "prod-nat-b"), names(plan, "aws:ec2/natGateway:NatGateway"));
        assertEquals(List.of("prod-nat-eip-a", "prod-nat-eip-b"), names(plan, "aws:ec2/eip:Eip"));
        assertEquals("prod-public-b-id", plan.require("prod-nat-b").input("subnetId"));
        assertEquals("prod-nat-eip-b-id", plan.require("prod-nat-b").input("allocationId"));
        assertRoute(plan, "prod-private-default-a", "prod-private-rt-a", "natGatewayId", "prod-nat-a-id");
        assertRoute(plan, "prod-private-default-b", "prod-private-rt-b", "natGatewayId", "prod-nat-b-id");
        assertEquals("10.0.4.0/24", plan.require("prod-public-b").input("cidrBlock"));
        assertEquals("us-west-2b", plan.require("prod-public-b").input("availabilityZone"));
        assertAssociation(plan, "prod-public-rta-b", "prod-public-rt", "prod-public-b");
    }

    @Test
    void noneModeHasNoNatNoAddressAndNoDefaultRouteFromPrivateSubnets() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of("natGateway", "none"));
        assertEquals(List.of(), names(plan, "aws:ec2/natGateway:NatGateway"));
        assertEquals(List.of(), names(plan, "aws:ec2/eip:Eip"));
        assertEquals(List.of("nonprod-public-default"), names(plan, ROUTE));
        assertEquals(List.of(), plan.outputs().get("natPublicIps"));
        // The subnets, tables and associations stay, so that un-parking only adds the NAT back.
        assertEquals(List.of("nonprod-private-a", "nonprod-private-b", "nonprod-public-a"), names(plan, SUBNET));
        assertAssociation(plan, "nonprod-private-rta-b", "nonprod-private-rt-b", "nonprod-private-b");
    }

    @Test
    void addressAndNatComeAfterTheInternetGateway() {
        PlanResult plan = TestStacks.plan("nonprod", Map.of());
        assertEquals(List.of("nonprod-igw"), plan.require("nonprod-nat-eip-a").dependsOn());
        assertEquals(List.of("nonprod-igw"), plan.require("nonprod-nat-a").dependsOn());
    }

    @Test
    void namesAreKeyedByZoneSoDroppingOrReorderingZonesRenamesNothingElse() {
        PlanResult ab = TestStacks.plan("prod", Map.of("privateSubnetCidrs", "[\"10.0.1.0/24\",\"10.0.2.0/24\",\"10.0.4.0/24\"]",
                "availabilityZones", "[\"us-west-2a\",\"us-west-2b\",\"us-west-2c\"]"));
        PlanResult ba = TestStacks.plan("prod", Map.of("privateSubnetCidrs", "[\"10.0.2.0/24\",\"10.0.1.0/24\"]",
                "availabilityZones", "[\"us-west-2b\",\"us-west-2a\"]"));
        assertEquals("10.0.2.0/24", ab.require("prod-private-b").input("cidrBlock"));
        assertEquals("10.0.2.0/24", ba.require("prod-private-b").input("cidrBlock"));
        assertEquals("10.0.1.0/24", ba.require("prod-private-a").input("cidrBlock"));
        assertTrue(ab.named("prod-private-c").isPresent());
        assertTrue(ba.named("prod-private-c").isEmpty());
    }

    @Test
    void zonesComeFromTheRegionWhenTheStackNamesNone() {
        PlanResult plan = TestStacks.plan("nonprod", java.util.Collections.singletonMap("availabilityZones", null));
        assertEquals("us-west-2a", plan.require("nonprod-private-a").input("availabilityZone"));
        assertEquals("us-west-2b", plan.require("nonprod-private-b").input("availabilityZone"));
    }

    private static void assertRoute(PlanResult plan, String route, String table, String targetKey, String targetId) {
        PlannedResource r = plan.require(route);
        assertEquals("0.0.0.0/0", r.input("destinationCidrBlock"));
        assertEquals(table + "-id", r.input("routeTableId"));
        assertEquals(targetId, r.input(targetKey));
    }

    private static void assertAssociation(PlanResult plan, String association, String table, String subnet) {
        PlannedResource r = plan.require(association);
        assertEquals(table + "-id", r.input("routeTableId"));
        assertEquals(subnet + "-id", r.input("subnetId"));
    }
}
