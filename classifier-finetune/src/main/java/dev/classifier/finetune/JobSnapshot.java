package dev.classifier.finetune;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fine-tuning job as the service last described it.
 *
 * @param model          the model it trains from
 * @param fineTunedModel the model it made, once it has succeeded
 * @param epochs         the epochs it runs, once the service has chosen them
 * @param trainedTokens  the tokens billed, once it has succeeded
 * @param error          why it failed, for a failed job
 * @param metadata       the metadata it was created with
 */
public record JobSnapshot(String id, JobStatus status, String model, Optional<String> fineTunedModel,
                          String trainingFile, Optional<String> validationFile, OptionalLong epochs,
                          OptionalLong trainedTokens, Optional<JobError> error, Instant createdAt,
                          Optional<Instant> finishedAt, Optional<Instant> estimatedFinish, Map<String, String> metadata) {

    /** The service's account of a failure. */
    public record JobError(Optional<String> code, String message, Optional<String> param) {
        public JobError {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(param, "param");
        }
    }

    public JobSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fineTunedModel, "fineTunedModel");
        Objects.requireNonNull(trainingFile, "trainingFile");
        Objects.requireNonNull(validationFile, "validationFile");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(trainedTokens, "trainedTokens");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(estimatedFinish, "estimatedFinish");
        metadata = Map.copyOf(metadata);
    }

    /** The error as an exception, for a failed job. */
    JobFailedException failure() {
        JobError e = error.orElse(new JobError(Optional.empty(), "the service gave no reason", Optional.empty()));
        return new JobFailedException(id, e.code(), e.message(), e.param());
    }

    @Override
    public String toString() {
        return "JobSnapshot[" + id + ", " + status + ", " + model + fineTunedModel.map(m -> " -> " + m).orElse("") + "]";
    }
}
