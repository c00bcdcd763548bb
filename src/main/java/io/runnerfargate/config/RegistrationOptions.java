package io.runnerfargate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settings that only a legacy registration token uses. With a glrt- runner authentication token
 * GitLab owns them (the runner's settings page) and registration fails if the runner passes them.
 */
public record RegistrationOptions(Optional<List<String>> tags, Optional<Boolean> runUntagged,
                                  Optional<Boolean> locked, Optional<Boolean> protectedOnly) {

    public static RegistrationOptions none() {
        return new RegistrationOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The setting keys that are set, in a fixed order. */
    public List<String> setKeys() {
        List<String> keys = new ArrayList<>();
        tags.ifPresent(t -> keys.add("runnerTags"));
        runUntagged.ifPresent(t -> keys.add("runUntagged"));
        locked.ifPresent(t -> keys.add("runnerLocked"));
        protectedOnly.ifPresent(t -> keys.add("runnerProtected"));
        return keys;
    }
}
