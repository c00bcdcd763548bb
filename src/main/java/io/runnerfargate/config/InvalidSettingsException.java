package io.runnerfargate.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown before any resource is registered when the stack settings are invalid; carries every problem found. */
public final class InvalidSettingsException extends RuntimeException {
    private final List<SettingsError> errors;

    public InvalidSettingsException(List<SettingsError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<SettingsError> errors() {
        return errors;
    }

    private static String describe(List<SettingsError> errors) {
        return "invalid stack settings (" + errors.size() + "):\n"
                + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"));
    }
}
