package dev.classifier.openai;

import dev.classifier.openai.ModelProfile.FineTuning;
import dev.classifier.openai.ModelProfile.Temperature;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The models the library knows, by id and by snapshot: their tokenizer, prices, parameters, limits, shutdown dates
 * and replacements ({@link ModelProfile}). {@link #defaults()} holds OpenAI's models as of December 2026 (sources in
 * this module's README); {@link #builder()} starts from them and puts, replaces or removes profiles, so a contract
 * price or a new model is one line. Immutable and thread-safe.
 *
 * <p>A fine-tuned model id, {@code ft:<base>:<org>:<suffix>:<id>} (or a checkpoint of one), resolves to its base
 * model's profile under its own id, with the fine-tuned inference prices where they are published (unknown
 * otherwise) and the base's shutdown date: fine-tuned models shut down with their base.
 */
public final class ModelCatalog {

    /** The model the library uses unless told otherwise: OpenAI's high-volume, low-cost model of 2026. */
    public static final String GPT_6_LUNA = "gpt-6-luna";
    public static final String GPT_5_6_LUNA = "gpt-5.6-luna";
    public static final String GPT_4O_MINI = "gpt-4o-mini";
    public static final String GPT_4_1_MINI = "gpt-4.1-mini";
    public static final String GPT_4_1_NANO = "gpt-4.1-nano";
    public static final String GPT_5_NANO = "gpt-5-nano";

    private static final List<ReasoningEffort> LUNA_EFFORTS = List.of(ReasoningEffort.NONE, ReasoningEffort.LOW,
            ReasoningEffort.MEDIUM, ReasoningEffort.HIGH, ReasoningEffort.XHIGH, ReasoningEffort.MAX);
    private static final LocalDate GPT_4_FAMILY_SHUTDOWN = LocalDate.of(2027, 1, 14);
    private static final int FINE_TUNING_EXAMPLE_TOKENS = 65_536;
    private static final ModelCatalog DEFAULTS = new Builder(List.of(
            ModelProfile.builder(GPT_6_LUNA)
                    .prices(PriceTable.perMillion(0.10, 0.01, 0.125, 0.50))
                    .reasoning(LUNA_EFFORTS, ReasoningEffort.MEDIUM)
                    .temperature(Temperature.ONLY_WITHOUT_REASONING)
                    .limits(1_050_000, 128_000)
                    .build(),
            ModelProfile.builder(GPT_5_6_LUNA)
                    .prices(PriceTable.perMillion(0.20, 0.02, 0.25, 1.20))
                    .reasoning(LUNA_EFFORTS, ReasoningEffort.MEDIUM)
                    .temperature(Temperature.ONLY_WITHOUT_REASONING)
                    .limits(1_050_000, 128_000)
                    .build(),
            ModelProfile.builder(GPT_4O_MINI).snapshot("gpt-4o-mini-2024-07-18")
                    .prices(PriceTable.gpt4oMini())
                    .limits(128_000, 16_384)
                    .shutdown(GPT_4_FAMILY_SHUTDOWN, GPT_6_LUNA)
                    .fineTuning(new FineTuning(OptionalDouble.of(3.00), FINE_TUNING_EXAMPLE_TOKENS,
                            Optional.of(PriceTable.fineTunedGpt4oMini())))
                    .build(),
            ModelProfile.builder(GPT_4_1_MINI).snapshot("gpt-4.1-mini-2025-04-14")
                    .prices(PriceTable.perMillion(0.40, 0.10, 1.60))
                    .limits(1_047_576, 32_768)
                    .shutdown(GPT_4_FAMILY_SHUTDOWN, GPT_6_LUNA)
                    .fineTuning(new FineTuning(OptionalDouble.of(5.00), FINE_TUNING_EXAMPLE_TOKENS,
                            Optional.of(PriceTable.perMillion(0.80, 0.20, 3.20))))
                    .build(),
            ModelProfile.builder(GPT_4_1_NANO).snapshot("gpt-4.1-nano-2025-04-14")
                    .prices(PriceTable.perMillion(0.10, 0.025, 0.40))
                    .limits(1_047_576, 32_768)
                    .fineTuning(new FineTuning(OptionalDouble.of(1.50), FINE_TUNING_EXAMPLE_TOKENS,
                            Optional.of(PriceTable.perMillion(0.20, 0.05, 0.80))))
                    .build(),
            ModelProfile.builder(GPT_5_NANO).snapshot("gpt-5-nano-2025-08-07")
                    .prices(PriceTable.perMillion(0.05, 0.005, 0.40))
                    .reasoning(List.of(ReasoningEffort.MINIMAL, ReasoningEffort.LOW, ReasoningEffort.MEDIUM,
                            ReasoningEffort.HIGH), ReasoningEffort.MEDIUM)
                    .temperature(Temperature.NEVER)
                    .limits(400_000, 128_000)
                    .shutdown(LocalDate.of(2026, 12, 11), GPT_6_LUNA)
                    .build())).build();

    private final Map<String, ModelProfile> byId;
    /** Ids and snapshots, each to the id of its profile. */
    private final Map<String, String> index;

    private ModelCatalog(Map<String, ModelProfile> profiles) {
        this.byId = Map.copyOf(profiles);
        Map<String, String> names = new LinkedHashMap<>();
        profiles.values().forEach(p -> p.snapshot().ifPresent(s -> names.put(s, p.id())));
        profiles.keySet().forEach(id -> names.put(id, id)); // an id wins over another profile's snapshot
        this.index = Map.copyOf(names);
    }

    /** OpenAI's models as of December 2026: gpt-6-luna, gpt-5.6-luna, gpt-4o-mini, gpt-4.1-mini/-nano, gpt-5-nano. */
    public static ModelCatalog defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder starting from no profile at all. */
    public static Builder emptyBuilder() {
        return new Builder(List.of());
    }

    /** A builder starting from this catalog. */
    public Builder toBuilder() {
        return new Builder(byId.values());
    }

    /**
     * The profile of a model by id or snapshot; a fine-tuned model's by its base (see the class comment).
     *
     * @return the profile, or empty when the catalog does not know the model
     */
    public Optional<ModelProfile> find(String model) {
        Objects.requireNonNull(model, "model");
        String name = model.strip();
        Optional<String> base = fineTunedBase(name);
        if (base.isPresent()) {
            return find(base.get()).map(b -> asFineTuned(b, name));
        }
        return Optional.ofNullable(index.get(name)).map(byId::get);
    }

    /** The profile of a model, or {@link ModelProfile#unknown} when the catalog does not know it. */
    public ModelProfile profile(String model) {
        return find(model).orElseGet(() -> ModelProfile.unknown(model.strip()));
    }

    /** Every profile, by id. */
    public List<ModelProfile> profiles() {
        return byId.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
    }

    /** The base model of a fine-tuned id: {@code ft:gpt-4o-mini-2024-07-18:org:suffix:id} gives the snapshot. */
    public static Optional<String> fineTunedBase(String model) {
        if (!model.startsWith("ft:")) {
            return Optional.empty();
        }
        String[] parts = model.split(":");
        return parts.length > 1 && !parts[1].isBlank() ? Optional.of(parts[1]) : Optional.empty();
    }

    private static ModelProfile asFineTuned(ModelProfile base, String id) {
        ModelProfile.Builder b = base.toBuilder().id(id);
        base.snapshot().ifPresent(b::snapshot);
        Optional<PriceTable> prices = base.fineTuning().flatMap(FineTuning::inferencePrices);
        if (prices.isPresent()) {
            b.prices(prices.get());
        } else {
            b.unknownPrices();
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ModelCatalog" + profiles().stream().map(ModelProfile::id).toList();
    }

    /** Puts, replaces and removes profiles; {@link #build()} makes the catalog. */
    public static final class Builder {
        private final Map<String, ModelProfile> profiles = new LinkedHashMap<>();

        private Builder(Iterable<ModelProfile> start) {
            start.forEach(this::put);
        }

        /** Adds a profile, replacing any of the same id. */
        public Builder put(ModelProfile profile) {
            Objects.requireNonNull(profile, "profile");
            if (profile.id().startsWith("ft:")) {
                throw new IllegalArgumentException("'" + profile.id() + "' is a fine-tuned model: put its base model,"
                        + " with the fine-tuning terms, and fine-tuned ids resolve to it");
            }
            profiles.put(profile.id(), profile);
            return this;
        }

        /** Replaces the prices of a model the builder holds. */
        public Builder prices(String id, PriceTable prices) {
            return put(require(id).toBuilder().prices(prices).build());
        }

        /** Removes a model. */
        public Builder remove(String id) {
            require(id);
            profiles.remove(id);
            return this;
        }

        private ModelProfile require(String id) {
            ModelProfile profile = profiles.get(Objects.requireNonNull(id, "id"));
            if (profile == null) {
                throw new IllegalArgumentException("no model '" + id + "' in the catalog; it has "
                        + new ArrayList<>(profiles.keySet()));
            }
            return profile;
        }

        public ModelCatalog build() {
            return new ModelCatalog(profiles);
        }
    }
}
