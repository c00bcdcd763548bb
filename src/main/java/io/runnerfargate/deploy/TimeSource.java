package io.runnerfargate.deploy;

import java.time.Duration;
import java.time.Instant;

/** Time and waiting behind one seam, so that tests of retries and timeouts never really wait. */
public interface TimeSource {
    Instant now();

    void sleep(Duration duration) throws InterruptedException;

    static TimeSource system() {
        return new TimeSource() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                Thread.sleep(duration.toMillis());
            }
        };
    }
}
