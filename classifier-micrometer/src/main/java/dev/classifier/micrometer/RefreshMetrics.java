package dev.classifier.micrometer;

import dev.classifier.local.RefreshEvent;
import dev.classifier.local.RefreshListener;
import dev.classifier.local.RefreshingClassifier;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link RefreshingClassifier}'s retrains as meters: how many (retrained or failed), how long they took, the
 * generation of the model answering now, and its version as the tag of {@code classifier.model.info} (one series,
 * re-registered when the version changes). Give it to the builder as its listener and bind it.
 *
 * <pre>{@code
 * RefreshMetrics metrics = RefreshMetrics.of("news", "local");
 * RefreshingClassifier classifier = RefreshingClassifier.builder()...listener(metrics).build();
 * }</pre>
 */
public final class RefreshMetrics implements RefreshListener, MeterBinder {

    private final Tags tags;
    private final BoundRegistries registries = new BoundRegistries();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicReference<String> version = new AtomicReference<>(RefreshingClassifier.UNTRAINED);
    // Counted here, not in the registries: a retrain at start-up comes before any registry is bound.
    private final AtomicLong retrained = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private RefreshMetrics(Tags tags) {
        this.tags = tags;
    }

    /**
     * @param name  the classifier's name, the {@code classifier} tag
     * @param model its model, the {@code model} tag
     * @return a listener that records into the registries it is bound to
     */
    public static RefreshMetrics of(String name, String model) {
        return new RefreshMetrics(MeterNames.classifierTags(name, model));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.bind(registry, r -> {
            refreshes(r, "retrained", retrained);
            refreshes(r, "failed", failed);
            duration(r);
            Gauge.builder(MeterNames.MODEL_GENERATION, generation, AtomicLong::get).tags(tags).strongReference(true)
                    .register(r);
            modelInfo(r, version.get());
        });
    }

    @Override
    public void onEvent(RefreshEvent event) {
        if (event instanceof RefreshEvent.Retrained retrained) {
            generation.set(retrained.generation());
            this.retrained.incrementAndGet();
            String previous = version.getAndSet(retrained.modelVersion());
            registries.each(r -> {
                duration(r).record(retrained.took());
                if (!previous.equals(retrained.modelVersion())) {
                    r.find(MeterNames.MODEL_INFO).tags(tags).tag("version", previous).meters().forEach(r::remove);
                    modelInfo(r, retrained.modelVersion());
                }
            });
        } else {
            failed.incrementAndGet();
        }
    }

    private void refreshes(MeterRegistry registry, String result, AtomicLong count) {
        FunctionCounter.builder(MeterNames.REFRESHES, count, AtomicLong::get).tags(tags).tag("result", result)
                .register(registry);
    }

    private Timer duration(MeterRegistry registry) {
        return Timer.builder(MeterNames.REFRESH_DURATION).tags(tags).register(registry);
    }

    private void modelInfo(MeterRegistry registry, String modelVersion) {
        Gauge.builder(MeterNames.MODEL_INFO, () -> 1).tags(tags).tag("version", modelVersion)
                .description("1 for the version of the model answering now").register(registry);
    }
}
