package dev.classifier.api;

import java.time.Duration;
import java.util.Optional;

/** The provider asked us to slow down; try again after {@link #retryAfter()} if it said when. */
public class RateLimitedException extends ClassificationException {

    private final transient Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
