package io.runnerfargate.cost;

import java.util.List;
import java.util.Optional;

/**
 * What a stack runs that AWS bills by the hour or by the unit, as read from the resources the
 * program registers (see the plan's reader). The estimator prices a footprint; it does not know
 * how the footprint was found.
 *
 * @param controlPlanes         EKS clusters with their Kubernetes version
 * @param natGateways           NAT gateway names
 * @param publicIpv4Addresses   Elastic IP names (each is a billed public IPv4 address)
 * @param alwaysOnPods          pods that run around the clock (runner manager, CoreDNS)
 * @param jobPodRequests        what the runner's config.toml requests for a job pod, if it says
 * @param s3GatewayEndpoints    S3 gateway endpoint names (free; listed so the reader sees them)
 * @param kmsKeys               customer-managed KMS key names
 */
public record Footprint(
        List<ControlPlane> controlPlanes,
        List<String> natGateways,
        List<String> publicIpv4Addresses,
        List<AlwaysOnPods> alwaysOnPods,
        Optional<PodRequests> jobPodRequests,
        List<String> s3GatewayEndpoints,
        List<String> kmsKeys) {

    public record ControlPlane(String name, String kubernetesVersion) {}

    /** {@code count} identical pods described by {@code description}, each with {@code requests}. */
    public record AlwaysOnPods(String description, int count, PodRequests requests, String requestsSource) {}

    public Footprint {
        controlPlanes = List.copyOf(controlPlanes);
        natGateways = List.copyOf(natGateways);
        publicIpv4Addresses = List.copyOf(publicIpv4Addresses);
        alwaysOnPods = List.copyOf(alwaysOnPods);
        s3GatewayEndpoints = List.copyOf(s3GatewayEndpoints);
        kmsKeys = List.copyOf(kmsKeys);
    }
}
