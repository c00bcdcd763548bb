package io.runnerfargate.network;

import io.runnerfargate.config.NatMode;
import io.runnerfargate.config.SettingsError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where each subnet and NAT gateway goes. Private subnet i and public subnet i sit in
 * Availability Zone i; everything is keyed by the AZ, never by list position, so that dropping
 * the last AZ or reordering the list does not rename (and so replace) the others.
 */
public record SubnetPlan(Ipv4Cidr vpc, List<Zone> zones, NatMode natMode) {

    /** AWS accepts VPC and subnet blocks from /16 to /28 (VPC user guide, "VPC CIDR blocks"). */
    public static final int LARGEST_PREFIX = 16;
    public static final int SMALLEST_PREFIX = 28;

    public record Zone(String availabilityZone, String key, Ipv4Cidr privateCidr, Optional<Ipv4Cidr> publicCidr) {}

    public SubnetPlan {
        zones = List.copyOf(zones);
    }

    public static SubnetPlan of(Ipv4Cidr vpc, List<Ipv4Cidr> privateCidrs, List<Ipv4Cidr> publicCidrs,
                                List<String> availabilityZones, String region, NatMode natMode) {
        if (availabilityZones.size() < privateCidrs.size()) {
            throw new IllegalArgumentException("need " + privateCidrs.size() + " Availability Zones, got " + availabilityZones);
        }
        List<Zone> zones = new ArrayList<>();
        for (int i = 0; i < privateCidrs.size(); i++) {
            String az = availabilityZones.get(i);
            zones.add(new Zone(az, zoneKey(region, az), privateCidrs.get(i),
                    i < publicCidrs.size() ? Optional.of(publicCidrs.get(i)) : Optional.empty()));
        }
        return new SubnetPlan(vpc, zones, natMode);
    }

    /** The AZ's letter part ("a" for us-west-2a), which is what differs between zones of a region. */
    public static String zoneKey(String region, String availabilityZone) {
        String key = availabilityZone.startsWith(region) ? availabilityZone.substring(region.length()) : availabilityZone;
        key = key.replaceAll("^-+", "");
        return key.isEmpty() ? availabilityZone : key;
    }

    public List<Zone> publicZones() {
        return zones.stream().filter(z -> z.publicCidr().isPresent()).toList();
    }

    /** The zones that hold a NAT gateway. */
    public List<Zone> natZones() {
        return switch (natMode) {
            case SINGLE -> List.of(publicZones().get(0));
            case PER_AZ -> publicZones();
            case NONE -> List.of();
        };
    }

    /** The zone whose NAT gateway a private subnet in {@code zone} routes through. */
    public Optional<Zone> natFor(Zone zone) {
        return switch (natMode) {
            case SINGLE -> Optional.of(publicZones().get(0));
            case PER_AZ -> Optional.of(zone);
            case NONE -> Optional.empty();
        };
    }

    /** Checks the blocks against the VPC, each other and the NAT mode; every problem, not just the first. */
    public static List<SettingsError> check(Ipv4Cidr vpc, List<Ipv4Cidr> privateCidrs, List<Ipv4Cidr> publicCidrs,
                                            NatMode natMode) {
        List<SettingsError> errors = new ArrayList<>();
        if (vpc != null && (vpc.prefixLength() < LARGEST_PREFIX || vpc.prefixLength() > SMALLEST_PREFIX)) {
            errors.add(new SettingsError("vpcCidr", "\"" + vpc + "\" is a /" + vpc.prefixLength()
                    + "; AWS allows VPC blocks from /16 to /28"));
            vpc = null;
        }
        if (privateCidrs.size() < 2) {
            errors.add(new SettingsError("privateSubnetCidrs", "has " + privateCidrs.size()
                    + " subnet(s); EKS needs at least two private subnets in different Availability Zones, e.g. [\"10.0.1.0/24\", \"10.0.2.0/24\"]"));
        }
        switch (natMode) {
            case SINGLE -> {
                if (publicCidrs.isEmpty()) {
                    errors.add(new SettingsError("publicSubnetCidrs", "is empty; natGateway=single needs one public subnet for the NAT gateway, e.g. [\"10.0.3.0/24\"]"));
                } else if (publicCidrs.size() > privateCidrs.size()) {
                    errors.add(new SettingsError("publicSubnetCidrs", "has " + publicCidrs.size() + " subnets for "
                            + privateCidrs.size() + " Availability Zones; use at most one public subnet per AZ"));
                }
            }
            case PER_AZ -> {
                if (publicCidrs.size() != privateCidrs.size()) {
                    errors.add(new SettingsError("publicSubnetCidrs", "has " + publicCidrs.size()
                            + " subnet(s); natGateway=perAz needs one public subnet per private subnet (" + privateCidrs.size() + ")"));
                }
            }
            case NONE -> {
                if (publicCidrs.size() > privateCidrs.size()) {
                    errors.add(new SettingsError("publicSubnetCidrs", "has " + publicCidrs.size() + " subnets for "
                            + privateCidrs.size() + " Availability Zones; use at most one public subnet per AZ"));
                }
            }
        }
        List<Named> all = new ArrayList<>();
        for (int i = 0; i < privateCidrs.size(); i++) {
            all.add(new Named("privateSubnetCidrs[" + i + "]", privateCidrs.get(i)));
        }
        for (int i = 0; i < publicCidrs.size(); i++) {
            all.add(new Named("publicSubnetCidrs[" + i + "]", publicCidrs.get(i)));
        }
        for (Named n : all) {
            if (n.cidr.prefixLength() < LARGEST_PREFIX || n.cidr.prefixLength() > SMALLEST_PREFIX) {
                errors.add(new SettingsError(n.key, "\"" + n.cidr + "\" is a /" + n.cidr.prefixLength()
                        + "; AWS allows subnet blocks from /16 to /28"));
            } else if (vpc != null && !vpc.contains(n.cidr)) {
                errors.add(new SettingsError(n.key, "\"" + n.cidr + "\" is not inside vpcCidr " + vpc
                        + "; every subnet must lie inside the VPC block"));
            }
        }
        var reported = new HashSet<String>();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Named a = all.get(i);
                Named b = all.get(j);
                if (a.cidr.overlaps(b.cidr) && reported.add(b.key)) {
                    errors.add(new SettingsError(b.key, "\"" + b.cidr + "\" overlaps " + a.key + " \"" + a.cidr
                            + "\"; subnets must not overlap"));
                }
            }
        }
        return errors;
    }

    private record Named(String key, Ipv4Cidr cidr) {}
}
