package dev.classifier.api;

import java.time.Duration;
import java.util.Optional;

/** The provider asked us to slow down; try again after {@link #retryAfter()} if it said when. */
public class RateLimitedException extends ClassificationException {

    private final transient Duration retryAfter;

    /**
     * The provider rate-limited the request.
     *
     * @param message    what the provider said, without the API key or the article text
     * @param retryAfter how long the provider asked to wait ({@code Retry-After}), or null if it did not say
     * @param cause      the client's exception
     */
    public RateLimitedException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /**
     * How long to wait before trying again, as the provider asked.
     *
     * @return the provider's {@code Retry-After}, or empty if it gave none (then back off on your own schedule)
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A rate limit passes with time.
     *
     * @return true
     */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
