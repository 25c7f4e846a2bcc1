package dev.classifier.micrometer;

import dev.classifier.prompt.PromptListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;

/**
 * The prompt strategy's own events as meters: cache hits, retries by error type and time spent waiting for the
 * rate limits. Give it to the classifier as its listener and bind it; tokens, cost and latency of the
 * classifications come from {@link MeteredClassifier}.
 *
 * <pre>{@code
 * PromptMetrics metrics = PromptMetrics.of("news", "gpt-6-luna");
 * Classifier classifier = MeteredClassifier.wrap(
 *         PromptClassifier.builder(client, taxonomy).listener(metrics).build(), "news", "gpt-6-luna");
 * }</pre>
 */
public final class PromptMetrics implements PromptListener, MeterBinder {

    private final Tags tags;
    private final BoundRegistries registries = new BoundRegistries();

    private PromptMetrics(Tags tags) {
        this.tags = tags;
    }

    /**
     * @param name  the classifier's name, the {@code classifier} tag
     * @param model its model, the {@code model} tag
     * @return a listener that records into the registries it is bound to
     */
    public static PromptMetrics of(String name, String model) {
        return new PromptMetrics(MeterNames.classifierTags(name, model));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.bind(registry, r -> {
            cacheHits(r);
            throttled(r);
        });
    }

    @Override
    public void onCacheHit(String articleId) {
        registries.each(r -> cacheHits(r).increment());
    }

    @Override
    public void onFailure(FailureEvent event) {
        if (event.retryIn().isPresent()) {
            String type = event.error().getClass().getSimpleName();
            registries.each(r -> Counter.builder(MeterNames.RETRIES).tags(tags).tag("type", type).register(r)
                    .increment());
        }
    }

    @Override
    public void onThrottled(String articleId, Duration waited) {
        registries.each(r -> throttled(r).record(waited));
    }

    private Counter cacheHits(MeterRegistry registry) {
        return Counter.builder(MeterNames.CACHE_HITS).tags(tags).register(registry);
    }

    private Timer throttled(MeterRegistry registry) {
        return Timer.builder(MeterNames.THROTTLED).tags(tags).register(registry);
    }
}
