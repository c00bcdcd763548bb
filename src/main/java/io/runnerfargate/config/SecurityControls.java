package io.runnerfargate.config;

import java.util.List;
import java.util.Optional;

/**
 * The security controls a stack runs with.
 *
 * @param relaxed what a non-production stack turned off, each in a few words
 * @param reason  why, as the stack states it
 */
public record SecurityControls(boolean production, boolean secretsEncryption, boolean flowLogs,
                               List<String> controlPlaneLogTypes, boolean protectResources,
                               List<String> relaxed, Optional<String> reason) {
    public SecurityControls {
        controlPlaneLogTypes = List.copyOf(controlPlaneLogTypes);
        relaxed = List.copyOf(relaxed);
    }
}
