package dev.classifier.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * The size of a review queue as a gauge, tagged {@code queue} with its name. It takes the size as a function, so
 * that any queue fits (the learning loop's, a database table's, a message broker's).
 *
 * <pre>{@code
 * new ReviewQueueMetrics("news", queue::size).bindTo(registry);
 * }</pre>
 */
public final class ReviewQueueMetrics implements MeterBinder {

    private final Tags tags;
    private final IntSupplier size;

    /**
     * @param name the {@code queue} tag
     * @param size how many items wait in the queue now; called when the registry is read, so keep it cheap
     */
    public ReviewQueueMetrics(String name, IntSupplier size) {
        this.tags = Tags.of("queue", MeterNames.requireText(name, "name"));
        this.size = Objects.requireNonNull(size, "size");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(MeterNames.REVIEW_QUEUE_SIZE, size, IntSupplier::getAsInt).tags(tags).strongReference(true)
                .register(registry);
    }
}
