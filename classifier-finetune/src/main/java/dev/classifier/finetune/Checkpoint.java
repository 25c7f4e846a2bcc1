package dev.classifier.finetune;

import java.time.Instant;
import java.util.Objects;

/**
 * A checkpoint of a job: a usable model (its name ends in {@code :ckpt-step-N}) saved at the end of an epoch, with
 * the metrics at that step. The service keeps the last three epochs'.
 */
public record Checkpoint(String id, String model, long step, Instant createdAt, TrainingMetrics metrics) {

    public Checkpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(metrics, "metrics");
    }
}
