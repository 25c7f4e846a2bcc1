package dev.classifier.openai;

import dev.classifier.api.Usage;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the library knows about one model: how it counts tokens, what it costs, which request parameters it takes,
 * how much it reads and writes, when it shuts down and what replaces it, and whether it can be fine-tuned. Profiles
 * live in a {@link ModelCatalog}; {@link #builder(String)} makes one, {@link #toBuilder()} changes one.
 *
 * @param id                the model id as requests name it ({@code gpt-6-luna}), or a fine-tuned model's id
 * @param snapshot          the dated snapshot the id stands for, when there is one
 * @param encoding          the tiktoken encoding its tokens are counted with ({@code o200k_base})
 * @param prices            its list prices; empty when not known (its calls then have an unknown cost)
 * @param reasoningEfforts  the {@code reasoning_effort} values it accepts; empty for a model that does not reason
 * @param defaultEffort     the effort it uses when a request names none; present exactly when it reasons
 * @param temperature       when it takes {@code temperature}
 * @param structuredOutputs whether it takes a strict {@code json_schema} response format
 * @param contextTokens     its context window, when known
 * @param maxOutputTokens   the most tokens one completion may have (reasoning included), when known
 * @param shutdownDate      the day it stops answering, when announced
 * @param replacement       the model its provider names in its place, when it has a shutdown date
 * @param fineTuning        the terms of fine-tuning it; empty when it cannot be fine-tuned
 */
public record ModelProfile(String id, Optional<String> snapshot, String encoding, Optional<PriceTable> prices,
                           List<ReasoningEffort> reasoningEfforts, Optional<ReasoningEffort> defaultEffort,
                           Temperature temperature, boolean structuredOutputs, OptionalInt contextTokens,
                           OptionalInt maxOutputTokens, Optional<LocalDate> shutdownDate,
                           Optional<String> replacement, Optional<FineTuning> fineTuning) {

    /** When a model takes {@code temperature}. */
    public enum Temperature {
        /** Always (a model that does not reason). */
        ALWAYS,
        /** Only with {@code reasoning_effort: none}; any other effort rejects it (gpt-6-luna). */
        ONLY_WITHOUT_REASONING,
        /** Never (the GPT-5 reasoning models). */
        NEVER
    }

    /**
     * The terms of fine-tuning a model.
     *
     * @param trainingPricePerMillion USD per 1M trained tokens, when published
     * @param maxTokensPerExample     tokens of one training example trained on before the rest is cut off
     * @param inferencePrices         what a model fine-tuned from it costs to use, when published
     */
    public record FineTuning(OptionalDouble trainingPricePerMillion, int maxTokensPerExample,
                             Optional<PriceTable> inferencePrices) {
        public FineTuning {
            Objects.requireNonNull(trainingPricePerMillion, "trainingPricePerMillion");
            Objects.requireNonNull(inferencePrices, "inferencePrices");
            if (maxTokensPerExample < 1) {
                throw new IllegalArgumentException("maxTokensPerExample must be >= 1, was " + maxTokensPerExample);
            }
            if (trainingPricePerMillion.isPresent() && !(trainingPricePerMillion.getAsDouble() >= 0)) {
                throw new IllegalArgumentException("training price must be >= 0, was " + trainingPricePerMillion);
            }
        }
    }

    public ModelProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(prices, "prices");
        reasoningEfforts = List.copyOf(Objects.requireNonNull(reasoningEfforts, "reasoningEfforts"));
        Objects.requireNonNull(defaultEffort, "defaultEffort");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(contextTokens, "contextTokens");
        Objects.requireNonNull(maxOutputTokens, "maxOutputTokens");
        Objects.requireNonNull(shutdownDate, "shutdownDate");
        Objects.requireNonNull(replacement, "replacement");
        Objects.requireNonNull(fineTuning, "fineTuning");
        if (id.isBlank()) {
            throw new IllegalArgumentException("model id is blank");
        }
        if (reasoningEfforts.isEmpty() != defaultEffort.isEmpty()) {
            throw new IllegalArgumentException("model '" + id + "': a default reasoning effort goes with a list of"
                    + " efforts, and only with one");
        }
        if (defaultEffort.isPresent() && !reasoningEfforts.contains(defaultEffort.get())) {
            throw new IllegalArgumentException("model '" + id + "': default effort " + defaultEffort.get()
                    + " is not among its efforts " + reasoningEfforts);
        }
        if (temperature == Temperature.ONLY_WITHOUT_REASONING && !reasoningEfforts.contains(ReasoningEffort.NONE)) {
            throw new IllegalArgumentException("model '" + id + "' takes temperature only without reasoning, but"
                    + " does not accept reasoning_effort none");
        }
        requirePositive(contextTokens, "contextTokens");
        requirePositive(maxOutputTokens, "maxOutputTokens");
        if (replacement.isPresent() && replacement.get().isBlank()) {
            throw new IllegalArgumentException("model '" + id + "': replacement is blank");
        }
    }

    /** A builder for a profile of this model id: no prices, no reasoning, temperature always, o200k_base. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /**
     * The profile assumed for a model the catalog does not know (a provider's own model, an Azure deployment name):
     * tokens counted with o200k_base as an estimate, prices unknown, no reasoning parameter sent, temperature taken,
     * structured outputs assumed (choose a simpler response mode where the server lacks them), limits unknown.
     */
    public static ModelProfile unknown(String id) {
        return builder(id).build();
    }

    /** A builder holding this profile's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether the model reasons (and takes {@code reasoning_effort}). */
    public boolean reasons() {
        return !reasoningEfforts.isEmpty();
    }

    /** Whether fine-tuning jobs may start from it (as far as the catalog knows; the provider may also refuse). */
    public boolean fineTunable() {
        return fineTuning.isPresent();
    }

    /** Whether its prices are known, so that its calls can be priced (and capped). */
    public boolean pricesKnown() {
        return prices.isPresent();
    }

    /** The effort a request gets: the one asked for, else the model's default; empty for a model that does not reason. */
    public Optional<ReasoningEffort> effectiveEffort(Optional<ReasoningEffort> requested) {
        return requested.isPresent() ? requested : defaultEffort;
    }

    /** Whether a request with this effort (or none named: the default) may carry {@code temperature}. */
    public boolean allowsTemperature(Optional<ReasoningEffort> requested) {
        return switch (temperature) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ONLY_WITHOUT_REASONING -> effectiveEffort(requested).map(ReasoningEffort::isNone).orElse(true);
        };
    }

    /** Whether this effort is among those the model accepts. */
    public boolean accepts(ReasoningEffort effort) {
        return reasoningEfforts.contains(effort);
    }

    /** Whether the model has stopped answering on this day. */
    public boolean isShutDown(LocalDate today) {
        return shutdownDate.map(d -> !today.isBefore(d)).orElse(false);
    }

    /** Days from {@code today} to the shutdown (negative once past it), when a date is announced. */
    public OptionalInt daysUntilShutdown(LocalDate today) {
        return shutdownDate.map(d -> OptionalInt.of((int) ChronoUnit.DAYS.between(today, d)))
                .orElse(OptionalInt.empty());
    }

    /**
     * The usage of a synchronous call, priced with this model's prices; when they are unknown, the usage has an
     * unknown cost and a warning names the model (once per model id).
     */
    public Usage usage(long promptTokens, long cachedTokens, long cacheWriteTokens, long completionTokens,
                       long reasoningTokens) {
        if (prices.isEmpty()) {
            CostWarnings.costUnknown(id);
            return Usage.unpriced(promptTokens, cachedTokens, cacheWriteTokens, completionTokens, reasoningTokens);
        }
        return prices.get().usage(promptTokens, cachedTokens, cacheWriteTokens, completionTokens, reasoningTokens);
    }

    /** The usage of a call made through the Batch API, at the batch prices (unknown, with a warning, as above). */
    public Usage batchUsage(long promptTokens, long cachedTokens, long cacheWriteTokens, long completionTokens,
                            long reasoningTokens) {
        if (prices.isEmpty()) {
            CostWarnings.costUnknown(id);
            return Usage.unpriced(promptTokens, cachedTokens, cacheWriteTokens, completionTokens, reasoningTokens);
        }
        return prices.get().batch().usage(promptTokens, cachedTokens, cacheWriteTokens, completionTokens,
                reasoningTokens);
    }

    /** The counter of this model's tokens. */
    public TokenCounter tokenCounter() {
        return TokenCounter.forEncoding(encoding);
    }

    private static void requirePositive(OptionalInt value, String what) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, was " + value.getAsInt());
        }
    }

    /** Settings of a profile; {@link #build()} checks them together. */
    public static final class Builder {
        private String id;
        private Optional<String> snapshot = Optional.empty();
        private String encoding = "o200k_base";
        private Optional<PriceTable> prices = Optional.empty();
        private List<ReasoningEffort> efforts = List.of();
        private Optional<ReasoningEffort> defaultEffort = Optional.empty();
        private Temperature temperature = Temperature.ALWAYS;
        private boolean structuredOutputs = true;
        private OptionalInt contextTokens = OptionalInt.empty();
        private OptionalInt maxOutputTokens = OptionalInt.empty();
        private Optional<LocalDate> shutdownDate = Optional.empty();
        private Optional<String> replacement = Optional.empty();
        private Optional<FineTuning> fineTuning = Optional.empty();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id").strip();
        }

        private Builder(ModelProfile p) {
            this.id = p.id;
            this.snapshot = p.snapshot;
            this.encoding = p.encoding;
            this.prices = p.prices;
            this.efforts = p.reasoningEfforts;
            this.defaultEffort = p.defaultEffort;
            this.temperature = p.temperature;
            this.structuredOutputs = p.structuredOutputs;
            this.contextTokens = p.contextTokens;
            this.maxOutputTokens = p.maxOutputTokens;
            this.shutdownDate = p.shutdownDate;
            this.replacement = p.replacement;
            this.fineTuning = p.fineTuning;
        }

        public Builder id(String value) {
            this.id = Objects.requireNonNull(value, "id").strip();
            return this;
        }

        public Builder snapshot(String value) {
            this.snapshot = Optional.of(Objects.requireNonNull(value, "snapshot"));
            return this;
        }

        public Builder encoding(String name) {
            this.encoding = Objects.requireNonNull(name, "encoding");
            return this;
        }

        public Builder prices(PriceTable table) {
            this.prices = Optional.of(Objects.requireNonNull(table, "prices"));
            return this;
        }

        /** Prices not known: calls are reported with an unknown cost. */
        public Builder unknownPrices() {
            this.prices = Optional.empty();
            return this;
        }

        /** The efforts the model accepts and the one it uses unless told; none for a model that does not reason. */
        public Builder reasoning(List<ReasoningEffort> accepted, ReasoningEffort byDefault) {
            this.efforts = List.copyOf(accepted);
            this.defaultEffort = Optional.of(Objects.requireNonNull(byDefault, "default effort"));
            return this;
        }

        /** A model that does not reason: no {@code reasoning_effort} is ever sent to it. */
        public Builder noReasoning() {
            this.efforts = List.of();
            this.defaultEffort = Optional.empty();
            return this;
        }

        public Builder temperature(Temperature value) {
            this.temperature = Objects.requireNonNull(value, "temperature");
            return this;
        }

        public Builder structuredOutputs(boolean supported) {
            this.structuredOutputs = supported;
            return this;
        }

        public Builder limits(int contextTokens, int maxOutputTokens) {
            this.contextTokens = OptionalInt.of(contextTokens);
            this.maxOutputTokens = OptionalInt.of(maxOutputTokens);
            return this;
        }

        /** The day the model stops answering and the model named in its place (null when none is named). */
        public Builder shutdown(LocalDate date, String replacedBy) {
            this.shutdownDate = Optional.of(Objects.requireNonNull(date, "shutdown date"));
            this.replacement = Optional.ofNullable(replacedBy);
            return this;
        }

        /** No shutdown announced. */
        public Builder noShutdown() {
            this.shutdownDate = Optional.empty();
            this.replacement = Optional.empty();
            return this;
        }

        public Builder fineTuning(FineTuning terms) {
            this.fineTuning = Optional.of(Objects.requireNonNull(terms, "fineTuning"));
            return this;
        }

        public Builder notFineTunable() {
            this.fineTuning = Optional.empty();
            return this;
        }

        public ModelProfile build() {
            return new ModelProfile(id, snapshot, encoding, prices, efforts, defaultEffort, temperature,
                    structuredOutputs, contextTokens, maxOutputTokens, shutdownDate, replacement, fineTuning);
        }
    }
}
