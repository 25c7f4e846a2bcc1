package dev.classifier.prompt;

import dev.classifier.api.ClassificationException;
import dev.classifier.api.Usage;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Hears what a {@link PromptClassifier} does, call by call: latency, tokens, cost and the provider's request id;
 * failed attempts and retries; cache hits; waits for the rate limits. Metrics without a metrics dependency: feed
 * these to Micrometer, OpenTelemetry or a log. Called on the classifying threads, so keep it quick; an exception
 * thrown here is logged and otherwise ignored. Events never hold article text.
 */
public interface PromptListener {

    /** A call was answered. */
    default void onCall(CallEvent event) {
    }

    /** A call failed; {@link FailureEvent#retryIn()} says whether and when it is tried again. */
    default void onFailure(FailureEvent event) {
    }

    /** An article was answered from the prediction cache: no call, no cost. */
    default void onCacheHit(String articleId) {
    }

    /** A call waited this long for the client-side rate limits before it started. */
    default void onThrottled(String articleId, Duration waited) {
    }

    /** Hears nothing. */
    static PromptListener none() {
        return new PromptListener() {
        };
    }

    /**
     * One answered call.
     *
     * @param articleId    the article's id
     * @param model        the model that answered, as the provider named it (with its version)
     * @param attempt      1 for the first attempt, 2 for the first retry, ...
     * @param latency      wall time of the HTTP call
     * @param usage        tokens and cost of the call
     * @param requestId    the provider's {@code x-request-id}, for support tickets
     * @param finishReason why the model stopped ({@code stop}, {@code length}, ...)
     */
    record CallEvent(String articleId, String model, int attempt, Duration latency, Usage usage,
                     Optional<String> requestId, String finishReason) {
        public CallEvent {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(usage, "usage");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(finishReason, "finishReason");
        }
    }

    /**
     * One failed attempt.
     *
     * @param error     what went wrong, as the exception a caller would get
     * @param requestId the provider's {@code x-request-id}, when it answered
     * @param retryIn   the wait before the next attempt; empty when the failure reaches the caller
     */
    record FailureEvent(String articleId, int attempt, Duration latency, ClassificationException error,
                        Optional<String> requestId, Optional<Duration> retryIn) {
        public FailureEvent {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }
}
