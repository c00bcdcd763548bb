package io.runnerfargate.deploy;

/** Something the user gave (argument, environment, settings file) is missing or wrong. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
