package dev.classifier.finetune;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A model that fine-tuning starts from, with what a training file for it is measured against: the longest example
 * the service trains on whole (longer ones are truncated, not rejected) and the price of training, per 1M trained
 * tokens, where OpenAI publishes one. Figures from OpenAI's fine-tuning guide and price list (late 2025).
 *
 * @param id                     the model snapshot, as {@code POST /v1/fine_tuning/jobs} takes it
 * @param maxTokensPerExample    tokens of one example the service trains on before it truncates
 * @param trainingPricePerMillion USD per 1M trained tokens, if known
 */
public record BaseModel(String id, int maxTokensPerExample, OptionalDouble trainingPricePerMillion) {

    public static final BaseModel GPT_4O_MINI = new BaseModel("gpt-4o-mini-2024-07-18", 65_536, OptionalDouble.of(3.00));
    public static final BaseModel GPT_4_1_MINI = new BaseModel("gpt-4.1-mini-2025-04-14", 65_536, OptionalDouble.of(5.00));
    public static final BaseModel GPT_4_1_NANO = new BaseModel("gpt-4.1-nano-2025-04-14", 65_536, OptionalDouble.of(1.50));
    /** No training price is published in the sources this library was checked against. */
    public static final BaseModel GPT_4_1 = new BaseModel("gpt-4.1-2025-04-14", 65_536, OptionalDouble.empty());
    public static final BaseModel GPT_4O = new BaseModel("gpt-4o-2024-08-06", 65_536, OptionalDouble.empty());

    private static final List<BaseModel> KNOWN = List.of(GPT_4O_MINI, GPT_4_1_MINI, GPT_4_1_NANO, GPT_4_1, GPT_4O);

    public BaseModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(trainingPricePerMillion, "trainingPricePerMillion");
        if (id.isBlank()) {
            throw new IllegalArgumentException("model id is blank");
        }
        if (maxTokensPerExample < 1) {
            throw new IllegalArgumentException("maxTokensPerExample must be >= 1, was " + maxTokensPerExample);
        }
        if (trainingPricePerMillion.isPresent() && !(trainingPricePerMillion.getAsDouble() >= 0)) {
            throw new IllegalArgumentException("training price must be >= 0, was " + trainingPricePerMillion);
        }
    }

    /**
     * The known model of this id; an alias ({@code gpt-4o-mini}) finds its snapshot. A fine-tuned model
     * ({@code ft:gpt-4o-mini-2024-07-18:org:suffix:id}) is trained further at its base's limits and price.
     */
    public static Optional<BaseModel> known(String id) {
        Objects.requireNonNull(id, "id");
        String base = id.startsWith("ft:") && id.split(":").length > 1 ? id.split(":")[1] : id;
        for (BaseModel model : KNOWN) {
            if (model.id.equals(base) || model.id.startsWith(base + "-20")) {
                return Optional.of(model);
            }
        }
        return Optional.empty();
    }

    public BaseModel withTrainingPrice(double usdPerMillion) {
        return new BaseModel(id, maxTokensPerExample, OptionalDouble.of(usdPerMillion));
    }

    public BaseModel withMaxTokensPerExample(int tokens) {
        return new BaseModel(id, tokens, trainingPricePerMillion);
    }
}
