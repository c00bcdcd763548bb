package io.runnerfargate.config;

import java.util.Objects;

/**
 * A secret string from stack config. Its {@code toString} never reveals the value, so that a
 * settings object can be logged or shown in an assertion message without leaking the token.
 * {@code readable} is false when the value could not be decrypted (the offline plan reads
 * {@code secure:} values it has no key for): the value is then a stand-in.
 */
public final class SecretText {
    /** What the offline plan puts in place of a value the stack file keeps encrypted. */
    public static final String UNREADABLE_STAND_IN = "[encrypted in the stack file]";

    private final String value;
    private final boolean readable;

    private SecretText(String value, boolean readable) {
        this.value = Objects.requireNonNull(value);
        this.readable = readable;
    }

    public static SecretText of(String value) {
        return new SecretText(value, true);
    }

    public static SecretText unreadable(String standIn) {
        return new SecretText(standIn, false);
    }

    public String reveal() {
        return value;
    }

    public boolean readable() {
        return readable;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretText s && s.value.equals(value) && s.readable == readable;
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
