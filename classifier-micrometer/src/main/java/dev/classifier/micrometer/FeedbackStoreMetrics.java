package dev.classifier.micrometer;

import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A feedback store's changes and size as meters, tagged {@code store} with the name given: feedback added,
 * retracted and purged, read from the store's change feed when the registry is read. Following the feed, not
 * wrapping the store, counts every change whoever made it (another process sharing the file or the database, the
 * review page) and works for any store, the application's own included. Counting starts at the store's last
 * sequence when the binder is first bound.
 *
 * <pre>{@code
 * new FeedbackStoreMetrics(store, "newsroom").bindTo(registry);
 * }</pre>
 */
public final class FeedbackStoreMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackStoreMetrics.class);

    private final FeedbackStore store;
    private final Tags tags;
    private final Map<FeedbackChange.Kind, Long> counts = new EnumMap<>(FeedbackChange.Kind.class);
    private long seen = -1;
    private boolean failing;

    /**
     * @param store the store to follow; not closed by this binder
     * @param name  the {@code store} tag
     */
    public FeedbackStoreMetrics(FeedbackStore store, String name) {
        this.store = Objects.requireNonNull(store, "store");
        this.tags = Tags.of("store", MeterNames.requireText(name, "name"));
        for (FeedbackChange.Kind kind : FeedbackChange.Kind.values()) {
            counts.put(kind, 0L);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (this) {
            if (seen < 0) {
                seen = store.lastSequence();
            }
        }
        for (FeedbackChange.Kind kind : FeedbackChange.Kind.values()) {
            FunctionCounter.builder(MeterNames.FEEDBACK_CHANGES, this, metrics -> metrics.count(kind))
                    .tags(tags).tag("change", kind.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        Gauge.builder(MeterNames.FEEDBACK_SIZE, store, FeedbackStore::size).tags(tags).strongReference(true)
                .register(registry);
    }

    /** Changes of this kind seen so far, after reading what the feed holds beyond the last change seen. */
    private synchronized double count(FeedbackChange.Kind kind) {
        try {
            for (FeedbackChange change : store.changes(seen)) {
                counts.merge(change.kind(), 1L, Long::sum);
                seen = Math.max(seen, change.sequence());
            }
            failing = false;
        } catch (RuntimeException e) {
            // A metrics read must not fail; the counts catch up when the store answers again.
            if (!failing) {
                LOG.warn("could not read the change feed of {} for its meters: {}", store, e.toString());
                failing = true;
            }
        }
        return counts.get(kind);
    }
}
