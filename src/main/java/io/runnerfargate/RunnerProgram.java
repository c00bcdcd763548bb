package io.runnerfargate;

import com.pulumi.Context;

/** The Pulumi program as the engine runs it. */
public final class RunnerProgram {
    private RunnerProgram() {}

    public static void run(Context ctx) {
        throw new IllegalStateException("the stack is not wired yet");
    }
}
