package dev.classifier.finetune;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a fine-tuning job: a message (validating, queued, started, ...) or, for {@code type} metrics, the
 * training figures at a step.
 *
 * @param level   {@code info}, {@code warn} or {@code error}
 * @param type    {@code message}, {@code metrics}, or another the service sends
 * @param metrics the figures, for a metrics event
 */
public record JobEvent(String id, Instant createdAt, String level, String message, String type,
                       Optional<TrainingMetrics> metrics) {

    public JobEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(metrics, "metrics");
    }
}
