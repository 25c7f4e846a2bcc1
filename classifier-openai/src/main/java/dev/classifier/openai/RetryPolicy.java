package dev.classifier.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link OpenAiCalls} tries a call again. Only failures that may pass are retried: rate limits (not an exhausted
 * quota), 5xx answers, time-outs and dropped connections. The wait is what the provider asked for
 * ({@code retry-after-ms}, else {@code Retry-After}), else an exponential backoff with jitter. A provider asking
 * for more than {@link #maxRetryAfter()} is not waited for: the call fails at once with that wait in the
 * exception, for the caller to schedule.
 *
 * @param maxAttempts    attempts in all, the first included (1 = no retry)
 * @param initialBackoff the wait before the first retry when the provider names none; doubled for each next one
 * @param maxBackoff     the longest backoff wait
 * @param maxRetryAfter  the longest wait asked by the provider that is honoured in place
 * @param jitter         a fraction in [0,1): each backoff is shortened by a random part up to this fraction, so
 *                       clients that failed together do not retry together (Retry-After waits are exact)
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter,
                          double jitter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxRetryAfter, "maxRetryAfter");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff "
                    + initialBackoff);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be in [0,1), was " + jitter);
        }
    }

    /** 5 attempts; backoff 0.5 s, 1 s, 2 s, 4 s (up to 30 s) with 25 % jitter; Retry-After honoured up to 2 min. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2), 0.25);
    }

    /** One attempt: every failure reaches the caller at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0.0);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter, jitter);
    }

    public RetryPolicy withBackoff(Duration initial, Duration max) {
        return new RetryPolicy(maxAttempts, initial, max, maxRetryAfter, jitter);
    }

    public RetryPolicy withMaxRetryAfter(Duration max) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, max, jitter);
    }

    public RetryPolicy withJitter(double fraction) {
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, fraction);
    }

    /**
     * The backoff before retry number {@code retry} (1 for the first): {@code initialBackoff * 2^(retry-1)}, at most
     * {@code maxBackoff}, shortened by {@code jitter * random} where {@code random} is in [0,1).
     */
    public Duration backoff(int retry, double random) {
        if (retry < 1) {
            throw new IllegalArgumentException("retries are counted from 1, was " + retry);
        }
        double millis = initialBackoff.toMillis() * Math.pow(2, Math.min(retry - 1, 30));
        millis = Math.min(millis, maxBackoff.toMillis());
        millis *= 1.0 - jitter * Math.max(0.0, Math.min(random, 1.0));
        return Duration.ofMillis(Math.round(millis));
    }

    private static void requireNotNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, was " + d);
        }
    }
}
