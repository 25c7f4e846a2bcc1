package dev.classifier.prompt;

import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.ProviderError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Passes a classifier's events to its {@link PromptListener}; a listener that throws is logged and ignored. */
final class PromptEvents {

    private static final Logger LOG = LoggerFactory.getLogger(PromptEvents.class);

    private final PromptListener listener;

    PromptEvents(PromptListener listener) {
        this.listener = listener;
    }

    void onCall(PromptListener.CallEvent event) {
        safely(() -> listener.onCall(event));
    }

    /** A failed attempt as the OpenAI layer reports it, for this article. */
    void onFailure(String articleId, OpenAiCalls.FailedAttempt failure) {
        safely(() -> listener.onFailure(new PromptListener.FailureEvent(articleId, failure.attempt(),
                failure.latency(), failure.error(), failure.provider().flatMap(ProviderError::requestId),
                failure.retryIn())));
    }

    void onCacheHit(String articleId) {
        safely(() -> listener.onCacheHit(articleId));
    }

    void onThrottled(String articleId, Duration waited) {
        safely(() -> listener.onThrottled(articleId, waited));
    }

    private static void safely(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a prompt listener failed ({}); classification goes on", e.getClass().getSimpleName());
        }
    }
}
