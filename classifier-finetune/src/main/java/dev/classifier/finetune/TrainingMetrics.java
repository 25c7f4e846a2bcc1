package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Training figures at one step, from a metrics event or a checkpoint. The validation figures are there only on
 * the steps the service evaluates, and only when the job has a validation file.
 */
public record TrainingMetrics(long step, OptionalLong totalSteps, OptionalDouble trainLoss,
                              OptionalDouble trainAccuracy, OptionalDouble validLoss, OptionalDouble validAccuracy,
                              OptionalDouble fullValidLoss, OptionalDouble fullValidAccuracy) {

    public TrainingMetrics {
        Objects.requireNonNull(totalSteps, "totalSteps");
        Objects.requireNonNull(trainLoss, "trainLoss");
        Objects.requireNonNull(trainAccuracy, "trainAccuracy");
        Objects.requireNonNull(validLoss, "validLoss");
        Objects.requireNonNull(validAccuracy, "validAccuracy");
        Objects.requireNonNull(fullValidLoss, "fullValidLoss");
        Objects.requireNonNull(fullValidAccuracy, "fullValidAccuracy");
    }

    /** Reads the {@code data} of a metrics event (or a checkpoint's {@code metrics}); step 0 if it has none. */
    static TrainingMetrics fromJson(JsonNode data) {
        return new TrainingMetrics(data.path("step").asLong(0), optionalLong(data, "total_steps"),
                optionalDouble(data, "train_loss"), optionalDouble(data, "train_mean_token_accuracy"),
                optionalDouble(data, "valid_loss"), optionalDouble(data, "valid_mean_token_accuracy"),
                optionalDouble(data, "full_valid_loss"), optionalDouble(data, "full_valid_mean_token_accuracy"));
    }

    /** The share of the steps done, when the total is known. */
    public OptionalDouble progress() {
        return totalSteps.isPresent() && totalSteps.getAsLong() > 0
                ? OptionalDouble.of(Math.min(1.0, (double) step / totalSteps.getAsLong())) : OptionalDouble.empty();
    }

    private static OptionalDouble optionalDouble(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    private static OptionalLong optionalLong(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value != null && value.isNumber() ? OptionalLong.of(value.asLong()) : OptionalLong.empty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("step ").append(step);
        totalSteps.ifPresent(t -> out.append('/').append(t));
        trainLoss.ifPresent(l -> out.append(String.format(Locale.ROOT, ", train loss %.4f", l)));
        validLoss.ifPresent(l -> out.append(String.format(Locale.ROOT, ", valid loss %.4f", l)));
        return out.toString();
    }
}
