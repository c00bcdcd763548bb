package io.runnerfargate.config;

/** One problem with one stack setting: which key, and what is wrong with its value. */
public record SettingsError(String key, String message) {
    @Override
    public String toString() {
        return key + ": " + message;
    }
}
