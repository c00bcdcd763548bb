package io.runnerfargate.config;

/** Where the runner's authentication token comes from: exactly one of the two. */
public sealed interface RunnerTokenSource {

    /** {@code runnerToken}: a Pulumi secret in the stack file. */
    record StackSecret(SecretText token) implements RunnerTokenSource {}

    /** {@code runnerTokenSecretName}: an AWS Secrets Manager secret, read at deploy time. */
    record SecretsManager(String secretName) implements RunnerTokenSource {}
}
