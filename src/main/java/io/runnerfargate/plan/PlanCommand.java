package io.runnerfargate.plan;

import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.iam.DeployerPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--compare", description = "Plan the stack under each NAT mode (single, perAz, none) and show the monthly costs side by side.")
    boolean compare;

    @Option(names = "--iam-policy", description = "Print only the IAM policy (JSON) that `pulumi up`, `refresh` and `destroy` of this stack need; see docs/iam.md.")
    boolean iamPolicy;

    @Option(names = "--part", paramLabel = "N", description = "With --iam-policy: print part N of the policy split into managed-policy-sized documents (IAM's 6,144-character limit).")
    Integer part;

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
        if (part != null && !iamPolicy) {
            System.err.println("plan: --part goes with --iam-policy");
            return 2;
        }
        if (compare && iamPolicy) {
            System.err.println("plan: --compare and --iam-policy cannot be combined");
            return 2;
        }
        if (compare) {
            return compare(files);
        }
        if (iamPolicy) {
            return iamPolicy(files);
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

    /** Stdout holds the policy alone, so that it can be redirected to a file; errors go to stderr. */
    private int iamPolicy(StackFiles files) {
        PlanResult plan = OfflinePlan.run(files);
        if (!plan.ok()) {
            System.err.print(json ? PlanReport.json(plan) : PlanReport.text(plan));
            return 1;
        }
        try {
            StackSettings settings = StackSettings.parse(files.project(), files.stack(), files.config(), files.secretKeys());
            List<Map<String, Object>> parts = DeployerPolicy.parts(plan, settings);
            if (part == null) {
                System.out.print(DeployerPolicy.json(plan, settings));
                if (parts.size() > 1) {
                    int whole = DeployerPolicy.size(DeployerPolicy.document(plan, settings));
                    System.err.println("plan: the policy is larger than one managed policy (" + DeployerPolicy.MANAGED_POLICY_MAX_CHARS
                            + " characters); create " + parts.size() + " managed policies from --part 1 to --part " + parts.size()
                            + (whole <= DeployerPolicy.INLINE_POLICIES_MAX_CHARS
                            ? ", or attach it whole as an inline policy (see docs/iam.md)"
                            : "; at " + whole + " characters it is also over a role's " + DeployerPolicy.INLINE_POLICIES_MAX_CHARS
                            + " for inline policies"));
                }
            } else if (part < 1 || part > parts.size()) {
                System.err.println("plan: --part " + part + " does not exist; the policy of " + stack + " has "
                        + parts.size() + " part(s)");
                return 2;
            } else {
                System.out.print(DeployerPolicy.json(parts.get(part - 1)));
            }
            System.out.flush();
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("plan: " + e.getMessage());
            return 1;
        }
    }

    private int compare(StackFiles files) {
        try {
            var comparison = NatModeComparison.of(files);
            System.out.print(json ? comparison.json() : comparison.text());
            System.out.flush();
            return comparison.ok() ? 0 : 1;
        } catch (InvalidSettingsException e) {
            // The stack's own plan shows the errors in full.
            PlanResult plan = OfflinePlan.run(files);
            System.out.print(json ? PlanReport.json(plan) : PlanReport.text(plan));
            return 1;
        }
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
