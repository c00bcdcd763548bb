package io.runnerfargate.bench;

import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.test.Mocks;
import com.pulumi.test.TestOptions;
import com.pulumi.test.internal.PulumiTestInternal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

/**
 * The floor of bench/plan-bench.sh: the least a Pulumi Java program on the mock runtime costs on
 * the product's classpath, one VPC and nothing else (no command line, no stack files, no report).
 * Not part of the product jar; the script compiles it into target/bench-classes.
 */
public final class FloorVpc {
    private FloorVpc() {}

    public static void main(String[] args) {
        long started = System.nanoTime();
        long[] registered = new long[1];
        Mocks mocks = new Mocks() {
            @Override
            public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs a) {
                registered[0] = System.nanoTime();
                return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(a.name + "-id"), a.inputs));
            }

            @Override
            public CompletableFuture<Map<String, Object>> callAsync(CallArgs a) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(a.token));
            }
        };
        int exit;
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName("floor").stackName("floor").build())
                    .mocks(mocks)
                    .standardLogger(PulumiTestInternal.logger(Level.WARNING))
                    .build()
                    .runTest(ctx -> new Vpc("floor-vpc", VpcArgs.builder().cidrBlock("10.0.0.0/16").build()));
            exit = result.exitCode();
        } finally {
            PulumiTestInternal.cleanup();
        }
        if (args.length > 0 && args[0].equals("--timing")) {
            long startToMain = ProcessHandle.current().info().startInstant()
                    .map(s -> java.time.Duration.between(s, java.time.Instant.now()).toMillis()
                            - (System.nanoTime() - started) / 1_000_000)
                    .orElse(-1L);
            System.err.printf("timing: process start to main %d ms%n", startToMain);
            long mainToRegistration = (registered[0] - started) / 1_000_000;
            System.err.printf("timing: main to last registration %d ms%n", mainToRegistration);
            System.err.printf("timing: process start to last registration %d ms%n",
                    startToMain < 0 ? -1 : startToMain + mainToRegistration);
        }
        System.exit(exit);
    }
}
