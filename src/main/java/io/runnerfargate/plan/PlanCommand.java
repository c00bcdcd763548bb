package io.runnerfargate.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the program offline on Pulumi's mock runtime with a stack's settings and shows what `pulumi up` would create.",
                "Reads Pulumi.yaml and Pulumi.<stack>.yaml from --dir. Exit status: 0 plan shown, 1 settings or program errors, 2 usage or unreadable files."})
public final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STACK", description = "The stack to plan, e.g. nonprod or prod.")
    String stack;

    @Option(names = "--json", description = "Print one JSON document instead of the tree.")
    boolean json;

    @Option(names = "--dir", paramLabel = "DIR", description = "The project's folder (default: the current one).")
    Path dir = Path.of(".");

    // For bench/plan-bench.sh: where a cold run spends its time. Stdout stays the plan alone.
    @Option(names = "--timing", hidden = true, description = "Print a timing breakdown to stderr.")
    boolean timing;

    @Override
    public Integer call() {
        long called = System.nanoTime();
        Instant calledAt = Instant.now();
        StackFiles files;
        try {
            files = StackFiles.load(dir, stack);
        } catch (IOException e) {
            System.err.println("plan: cannot read the stack files: " + e.getMessage());
            return 2;
        }
        long loaded = System.nanoTime();
        PlanResult plan = OfflinePlan.run(files);
        long planned = System.nanoTime();
        System.out.print(json ? PlanReport.json(plan) : PlanReport.text(plan));
        System.out.flush();
        if (timing) {
            printTiming(calledAt, called, loaded, planned, OfflinePlan.lastRegistrationNanos(), System.nanoTime(),
                    plan.resources().size());
        }
        return plan.ok() ? 0 : 1;
    }

    private static void printTiming(Instant calledAt, long called, long loaded, long planned, long lastRegistration,
                                    long printed, int resources) {
        // The process start is known to the clock tick (10 ms) only.
        long startToCall = ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, calledAt).toMillis()).orElse(-1L);
        System.err.printf("timing: process start to plan command %d ms%n", startToCall);
        System.err.printf("timing: stack files read %d ms%n", ms(loaded - called));
        System.err.printf("timing: plan start to last registration %d ms (%d resources)%n",
                lastRegistration == 0 ? -1 : ms(lastRegistration - loaded), resources);
        System.err.printf("timing: plan total %d ms%n", ms(planned - loaded));
        System.err.printf("timing: report printed %d ms%n", ms(printed - planned));
        System.err.printf("timing: process start to last registration %d ms%n",
                startToCall < 0 || lastRegistration == 0 ? -1 : startToCall + ms(lastRegistration - called));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
