package io.runnerfargate.cost;

import io.runnerfargate.config.RunnerTokenSource;
import io.runnerfargate.config.StackSettings;
import java.math.BigDecimal;
import java.util.List;

/**
 * What the plan cannot see: how much a stack is used in a month. Comes from the stack's settings;
 * {@code jobPod} is the job pod size assumed when the runner's config.toml requests none.
 *
 * @param secretsManagerSecrets the Secrets Manager secrets the stack reads (billed per secret-month)
 */
public record Usage(
        BigDecimal natDataGbPerMonth,
        BigDecimal jobHoursPerMonth,
        BigDecimal logGbPerMonth,
        PodRequests jobPod,
        List<String> secretsManagerSecrets) {

    /**
     * A job pod as a typical build needs it: the build container 1 vCPU / 2 GB and the runner's
     * helper container 0.25 vCPU / 0.25 GB. Billed as 2 vCPU / 4 GB once Fargate adds its 256 MB.
     */
    public static final PodRequests DEFAULT_JOB_POD = PodRequests.of("1", "2").plus(PodRequests.of("0.25", "0.25"));

    public Usage {
        secretsManagerSecrets = List.copyOf(secretsManagerSecrets);
    }

    public static Usage from(StackSettings s) {
        List<String> secrets = s.runnerToken() instanceof RunnerTokenSource.SecretsManager named
                ? List.of(named.secretName()) : List.of();
        return new Usage(BigDecimal.valueOf(s.natDataGbPerMonth()), BigDecimal.valueOf(s.jobHoursPerMonth()),
                BigDecimal.valueOf(s.logGbPerMonth()), DEFAULT_JOB_POD, secrets);
    }
}
