package io.runnerfargate.config;

/** The runner's S3 cache: none, a bucket the stack creates, or a bucket that already exists. */
public sealed interface CacheBucket {
    record None() implements CacheBucket {}

    record Create() implements CacheBucket {}

    record Existing(String bucketName) implements CacheBucket {}

    static CacheBucket none() {
        return new None();
    }
}
