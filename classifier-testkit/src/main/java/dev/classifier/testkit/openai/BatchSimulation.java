package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The batches of the server and how they behave. A batch is {@code validating} for the validation time, then
 * {@code in_progress} while its requests get done one by one over the processing time (in a shuffled order), then
 * {@code finalizing}, then {@code completed}, all on the server's clock. A processing time longer than the 24-hour
 * completion window makes it {@code expired} at the window's end, with the requests not done by then in its
 * error file as {@code batch_expired}. Thread-safe.
 */
public final class BatchSimulation {

    private final Clock clock;
    private final Map<String, Batch> batches = new LinkedHashMap<>();
    private volatile Batch.Timings timings = defaultTimings();

    BatchSimulation(Clock clock) {
        this.clock = clock;
    }

    private static Batch.Timings defaultTimings() {
        return new Batch.Timings(Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
    }

    /**
     * How long new batches stay in each phase (defaults: 30 seconds validating, 10 minutes in progress, 1 minute
     * finalizing, 1 minute cancelling).
     */
    public BatchSimulation timings(Duration validation, Duration processing, Duration finalizing, Duration cancelling) {
        for (Duration d : List.of(validation, processing, finalizing, cancelling)) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("batch phase durations must be positive, got " + d);
            }
        }
        this.timings = new Batch.Timings(validation, processing, finalizing, cancelling);
        return this;
    }

    /** The ids of all batches, oldest first. */
    public synchronized List<String> batchIds() {
        return List.copyOf(batches.keySet());
    }

    /** A batch's status now. */
    public Optional<String> status(String batchId) {
        return find(batchId).map(b -> b.status(clock.instant()));
    }

    Batch.Timings currentTimings() {
        return timings;
    }

    synchronized void add(Batch batch) {
        batches.put(batch.id(), batch);
    }

    synchronized Optional<Batch> find(String id) {
        return Optional.ofNullable(batches.get(id));
    }

    synchronized List<Batch> newestFirst() {
        List<Batch> all = new ArrayList<>(batches.values());
        Collections.reverse(all);
        return all;
    }

    synchronized void reset() {
        batches.clear();
        timings = defaultTimings();
    }
}
