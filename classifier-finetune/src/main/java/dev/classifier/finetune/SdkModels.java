package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.core.JsonValue;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Turns openai-java's fine-tuning objects into this module's values. Unknown enum values (a status such as
 * {@code paused}, a new event type) are kept as the strings the service sent, never rejected.
 */
final class SdkModels {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SdkModels() {
    }

    static JobSnapshot snapshot(FineTuningJob job) {
        Optional<JobSnapshot.JobError> error = job.error().map(e -> new JobSnapshot.JobError(
                Optional.ofNullable(e.code()).filter(c -> !c.isBlank()), e.message(), e.param()));
        OptionalLong epochs = job.hyperparameters().nEpochs()
                .flatMap(FineTuningJob.Hyperparameters.NEpochs::integer)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
        Map<String, String> metadata = new LinkedHashMap<>();
        job.metadata().ifPresent(m -> m._allProperties().forEach((key, value) ->
                text(value).ifPresent(text -> metadata.put(key, text))));
        return new JobSnapshot(job.id(), new JobStatus(job.status().asString()), job.model(), job.fineTunedModel(),
                job.trainingFile(), job.validationFile(), epochs,
                job.trainedTokens().map(OptionalLong::of).orElse(OptionalLong.empty()), error,
                Instant.ofEpochSecond(job.createdAt()), job.finishedAt().map(Instant::ofEpochSecond),
                job.estimatedFinish().map(Instant::ofEpochSecond), metadata);
    }

    static JobEvent event(FineTuningJobEvent event) {
        String type = event.type().map(FineTuningJobEvent.Type::asString).orElse("message");
        Optional<TrainingMetrics> metrics = type.equals("metrics") ? Optional.of(TrainingMetrics.fromJson(
                json(event._data()))) : Optional.empty();
        return new JobEvent(event.id(), Instant.ofEpochSecond(event.createdAt()), event.level().asString(),
                event.message(), type, metrics);
    }

    static Checkpoint checkpoint(FineTuningJobCheckpoint checkpoint) {
        FineTuningJobCheckpoint.Metrics m = checkpoint.metrics();
        TrainingMetrics metrics = new TrainingMetrics(checkpoint.stepNumber(), OptionalLong.empty(),
                optional(m.trainLoss()), optional(m.trainMeanTokenAccuracy()), optional(m.validLoss()),
                optional(m.validMeanTokenAccuracy()), optional(m.fullValidLoss()),
                optional(m.fullValidMeanTokenAccuracy()));
        return new Checkpoint(checkpoint.id(), checkpoint.fineTunedModelCheckpoint(), checkpoint.stepNumber(),
                Instant.ofEpochSecond(checkpoint.createdAt()), metrics);
    }

    /** A JSON string's text; empty for any other value. */
    static Optional<String> text(JsonValue value) {
        // JsonValue extends the raw JsonField, so asString() reaches Java as a raw Optional.
        Optional<?> raw = value.asString();
        return raw.isPresent() && raw.get() instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }

    /** An SDK JSON value as a Jackson tree (a missing or odd value as an empty object). */
    private static JsonNode json(JsonValue value) {
        try {
            JsonNode node = value.convert(JsonNode.class);
            return node != null ? node : MAPPER.createObjectNode();
        } catch (RuntimeException e) {
            return MAPPER.createObjectNode();
        }
    }
}
