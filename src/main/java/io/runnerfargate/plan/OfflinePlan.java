package io.runnerfargate.plan;

import com.pulumi.core.internal.OutputData;
import com.pulumi.resources.ResourceTransformation;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.PulumiTestInternal;
import io.runnerfargate.RunnerStack;
import io.runnerfargate.config.InvalidSettingsException;
import io.runnerfargate.config.StackSettings;
import io.runnerfargate.cost.CostEstimator;
import io.runnerfargate.cost.MonthlyCost;
import io.runnerfargate.cost.Usage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

/**
 * Runs the real program ({@link RunnerStack}) on Pulumi's mock runtime with a stack's settings and
 * records what {@code pulumi up} would register. One code path, two runtimes: nothing here builds
 * resources of its own.
 *
 * <p>The mock runtime is a process-wide singleton: one plan at a time.
 */
public final class OfflinePlan {
    private OfflinePlan() {}

    private static volatile long lastRegistrationNanos;

    /** {@link System#nanoTime()} at the last plan's last resource registration (0 when none); for --timing. */
    static long lastRegistrationNanos() {
        return lastRegistrationNanos;
    }

    /** Parses the stack files' settings, then plans for today; invalid settings give a result with errors and no resources. */
    public static PlanResult run(StackFiles files) {
        return run(files, LocalDate.now(ZoneOffset.UTC));
    }

    /**
     * {@code day} decides which Kubernetes versions are in extended support, for the cost and the
     * security review: a fixed day keeps a test's expectations from changing with the calendar.
     */
    public static PlanResult run(StackFiles files, LocalDate day) {
        List<String> notes = new ArrayList<>();
        for (String key : files.encryptedKeys()) {
            notes.add(key + " is encrypted in the stack file; the plan cannot decrypt it and treats it as set and secret.");
        }
        String region = files.config().getOrDefault(StackSettings.REGION_KEY, "");
        StackSettings settings;
        try {
            settings = StackSettings.parse(files.project(), files.stack(), files.config(), files.secretKeys());
        } catch (InvalidSettingsException e) {
            return new PlanResult(files.project(), files.stack(), region, List.of(), Map.of(),
                    e.errors().stream().map(Object::toString).toList(), notes);
        }
        return run(settings, files.config(), files.secretKeys(), notes, new PlanMocks(settings.region()), day);
    }

    public static PlanResult run(StackSettings settings, LocalDate day) {
        return run(settings, new PlanMocks(settings.region()), day);
    }

    /** With mocks of the caller's, e.g. ones that also keep what the resources received. */
    public static PlanResult run(StackSettings settings, PlanMocks mocks, LocalDate day) {
        Map<String, String> config = Map.of(StackSettings.REGION_KEY, settings.region());
        return run(settings, config, Set.of(), List.of(), mocks, day);
    }

    private static synchronized PlanResult run(StackSettings settings, Map<String, String> config, Set<String> secretKeys,
                                               List<String> notes, PlanMocks mocks, LocalDate day) {
        var logger = PulumiTestInternal.logger(Level.WARNING);
        var log = PulumiTestInternal.mockLog(logger);
        var monitor = new AtomicReference<RecordingMonitor>();
        // Transformations run in each resource's constructor, so this numbering is the program's own order.
        Map<String, Integer> declared = new ConcurrentHashMap<>();
        var sequence = new AtomicInteger();
        ResourceTransformation recordOrder = args -> {
            declared.putIfAbsent(args.resource().pulumiResourceName(), sequence.getAndIncrement());
            return Optional.empty();
        };
        try {
            var test = PulumiTestInternal.builder()
                    .options(TestOptions.builder()
                            .projectName(settings.project())
                            .stackName(settings.stack())
                            .resourceTransformations(List.of(recordOrder))
                            .build())
                    .mocks(mocks)
                    .config(config, secretKeys)
                    .standardLogger(logger)
                    .monitorDecorator(m -> {
                        monitor.set(new RecordingMonitor(mocks, log));
                        return monitor.get();
                    })
                    .build();
            TestResult result = test.runTest(ctx -> RunnerStack.define(ctx, settings));
            lastRegistrationNanos = monitor.get().lastRegistrationNanos();
            List<String> errors = new ArrayList<>();
            result.exceptions().forEach(e -> errors.add(rootMessage(e)));
            result.errors().forEach(errors::add);
            List<PlannedResource> resources = new ArrayList<>(monitor.get().recorded());
            resources.sort(Comparator.comparing((PlannedResource r) -> declared.getOrDefault(r.name(), Integer.MAX_VALUE))
                    .thenComparing(PlannedResource::name));
            if (!errors.isEmpty()) {
                // What was registered before the failure is what `pulumi up` would have created by then.
                return new PlanResult(settings.project(), settings.stack(), settings.region(), resources, outputs(result),
                        errors, notes);
            }
            MonthlyCost cost = CostEstimator.estimate(PlanFootprint.of(resources), Usage.from(settings), settings.region(), day);
            var security = SecurityReview.of(resources, settings.security().reason(), day);
            return new PlanResult(settings.project(), settings.stack(), settings.region(), resources, outputs(result),
                    errors, withWarnings(settings, notes), cost, security);
        } finally {
            PulumiTestInternal.cleanup();
        }
    }

    private static List<String> withWarnings(StackSettings settings, List<String> notes) {
        List<String> out = new ArrayList<>(notes);
        settings.warnings().forEach(w -> out.add("warning: " + w));
        return out;
    }

    private static Map<String, Object> outputs(TestResult result) {
        Map<String, Object> out = new TreeMap<>();
        result.outputs().forEach((name, output) -> {
            OutputData<?> data = PulumiTestInternal.extractOutputData(output);
            out.put(name, data.isSecret() ? PlannedResource.SECRET
                    : !data.isKnown() ? PlannedResource.UNKNOWN : data.getValueNullable());
        });
        return new LinkedHashMap<>(out);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
