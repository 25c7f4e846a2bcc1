package dev.classifier.api;

import java.time.Duration;

/**
 * How a poller or a retry loop waits. Pollers take a {@link java.time.Clock} and a Sleeper, so that tests drive
 * time (the testkit's manual clock is both) and no test sleeps.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits for a while; a test's sleeper advances its clock instead and returns at once.
     *
     * @param duration how long to wait; zero or negative returns at once
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * Waits for real, with {@link Thread#sleep}; zero and negative durations return at once.
     *
     * @return the sleeper production code uses by default
     */
    static Sleeper system() {
        return duration -> {
            if (!duration.isNegative() && !duration.isZero()) {
                Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
            }
        };
    }
}
