package dev.classifier.finetune;

import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The model a training file is for, with what the file is measured against: the longest example trained on whole
 * (longer ones are truncated, not rejected) and the price of training per 1M trained tokens, where one is known.
 *
 * <p>For OpenAI's models these come from the {@link ModelCatalog} (its profiles' fine-tuning terms): there is one
 * table of which models can be fine-tuned, at what price, until when. {@link #of(String)} takes a model from the
 * default catalog and refuses one that cannot be fine-tuned, naming those that can. The constructor describes any
 * other target, such as an open-weight model trained on the exported file with its own sequence length.
 *
 * @param id                      the model, as {@code POST /v1/fine_tuning/jobs} (or your trainer) takes it
 * @param maxTokensPerExample     tokens of one example trained on before the rest is cut off
 * @param trainingPricePerMillion USD per 1M trained tokens, if known
 */
public record BaseModel(String id, int maxTokensPerExample, OptionalDouble trainingPricePerMillion) {

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

    /** The model of this id, alias or fine-tuned id in the {@link ModelCatalog#defaults() default catalog}. */
    public static BaseModel of(String model) {
        return of(model, ModelCatalog.defaults());
    }

    /**
     * The model of this id, alias ({@code gpt-4o-mini} stands for its snapshot) or fine-tuned id (a tuned model is
     * trained further at its base's terms) in the catalog.
     *
     * @throws IllegalArgumentException when the catalog does not know the model, or has it as not fine-tunable;
     *                                  the message names the fine-tunable ones
     */
    public static BaseModel of(String model, ModelCatalog catalog) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(catalog, "catalog");
        ModelProfile profile = catalog.find(model).orElseThrow(() -> new IllegalArgumentException("the catalog has no"
                + " model '" + model + "'; fine-tunable in the catalog: " + FineTuningErrors.fineTunable(catalog)
                + ". For another model (an open-weight one, say) pass new BaseModel(id, maxTokensPerExample,"
                + " trainingPrice)"));
        return of(profile).orElseThrow(() -> new IllegalArgumentException("'" + model + "' cannot be fine-tuned"
                + " (the catalog says so); fine-tunable in the catalog: " + FineTuningErrors.fineTunable(catalog)
                + ". Or train an open-weight model on the exported file: new BaseModel(id, maxTokensPerExample,"
                + " OptionalDouble.empty())"));
    }

    /** The fine-tuning terms of a profile; empty when it cannot be fine-tuned. */
    public static Optional<BaseModel> of(ModelProfile profile) {
        Objects.requireNonNull(profile, "profile");
        String id = profile.id().startsWith("ft:") ? profile.id() : profile.snapshot().orElse(profile.id());
        return profile.fineTuning().map(terms -> new BaseModel(id, terms.maxTokensPerExample(),
                terms.trainingPricePerMillion()));
    }

    /** The models of the catalog that can be fine-tuned, by id. */
    public static List<String> fineTunable(ModelCatalog catalog) {
        return catalog.profiles().stream().filter(ModelProfile::fineTunable).map(ModelProfile::id).toList();
    }

    public BaseModel withTrainingPrice(double usdPerMillion) {
        return new BaseModel(id, maxTokensPerExample, OptionalDouble.of(usdPerMillion));
    }

    public BaseModel withMaxTokensPerExample(int tokens) {
        return new BaseModel(id, tokens, trainingPricePerMillion);
    }
}
