package dev.classifier.prompt;

import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.ReasoningEffort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The model a classifier calls and the parameters its requests carry, worked out once from the catalog's profile
 * and the builder's settings, and checked there so that a request the model would refuse is never sent:
 * <ul>
 *   <li>{@code reasoning_effort}: the one asked for; else {@code none} for a model that reasons and accepts it (a
 *       label needs no reasoning), or the least effort it accepts; none sent to a model that does not reason or
 *       that the catalog does not know.</li>
 *   <li>{@code temperature}: sent only where the profile allows it with that effort (gpt-6-luna: only with
 *       effort none); asking for one where it is not allowed fails at build time.</li>
 *   <li>{@code max_completion_tokens}: the one asked for, else {@value PromptClassifier#DEFAULT_MAX_COMPLETION_TOKENS}
 *       for an answer, or {@value PromptClassifier#DEFAULT_REASONING_MAX_COMPLETION_TOKENS} when the model
 *       reasons (reasoning tokens count against it); never more than the model's output limit.</li>
 * </ul>
 *
 * @param model               the model id requests name
 * @param profile             its profile (prices overridden if asked), or an unknown model's
 * @param known               whether the catalog knows the model
 * @param effort              the {@code reasoning_effort} requests carry, if any
 * @param temperature         the {@code temperature} requests carry, if any
 * @param maxCompletionTokens the {@code max_completion_tokens} requests carry
 */
record ModelChoice(String model, ModelProfile profile, boolean known, Optional<ReasoningEffort> effort,
                   OptionalDouble temperature, int maxCompletionTokens) {

    private static final Logger LOG = LoggerFactory.getLogger(ModelChoice.class);
    /** Below this, a reasoning model may spend the whole completion budget thinking and never write the label. */
    static final int MIN_REASONING_COMPLETION_TOKENS = 1_024;

    static ModelChoice resolve(String model, ModelCatalog catalog, Optional<PriceTable> prices,
                               Optional<ReasoningEffort> askedEffort, OptionalDouble askedTemperature,
                               double defaultTemperature, OptionalInt askedMaxTokens) {
        Optional<ModelProfile> found = catalog.find(model);
        ModelProfile profile = found.orElseGet(() -> ModelProfile.unknown(model));
        if (prices.isPresent()) {
            profile = profile.toBuilder().prices(prices.get()).build();
        }
        Optional<ReasoningEffort> effort = effort(model, profile, found.isPresent(), askedEffort);
        OptionalDouble temperature = temperature(model, profile, effort, askedTemperature, defaultTemperature);
        boolean reasons = profile.effectiveEffort(effort).map(e -> !e.isNone()).orElse(false);
        int maxTokens = maxTokens(model, profile, reasons, askedMaxTokens);
        return new ModelChoice(model, profile, found.isPresent(), effort, temperature, maxTokens);
    }

    /** Whether the model reasons before it answers with these settings (its reasoning tokens are billed). */
    boolean reasons() {
        return profile.effectiveEffort(effort).map(e -> !e.isNone()).orElse(false);
    }

    /** What shapes the answer, for the prediction cache's key. */
    String cacheKeyPart() {
        return model + "|effort=" + effort.map(ReasoningEffort::value).orElse("-") + "|temperature="
                + (temperature.isPresent() ? Double.toString(temperature.getAsDouble()) : "-");
    }

    private static Optional<ReasoningEffort> effort(String model, ModelProfile profile, boolean known,
                                                    Optional<ReasoningEffort> asked) {
        if (asked.isPresent()) {
            if (known && !profile.reasons()) {
                throw new IllegalArgumentException("model '" + model + "' does not reason (as the model catalog has"
                        + " it), so it takes no reasoning_effort; leave reasoningEffort unset, or put a profile with"
                        + " its efforts in the catalog");
            }
            if (known && !profile.accepts(asked.get())) {
                throw new IllegalArgumentException("model '" + model + "' accepts reasoning_effort "
                        + profile.reasoningEfforts() + ", not " + asked.get() + "; put a profile with more efforts"
                        + " in the catalog if the model takes it");
            }
            return asked;
        }
        if (!profile.reasons()) {
            return Optional.empty();
        }
        return Optional.of(profile.accepts(ReasoningEffort.NONE) ? ReasoningEffort.NONE
                : profile.reasoningEfforts().get(0));
    }

    private static OptionalDouble temperature(String model, ModelProfile profile, Optional<ReasoningEffort> effort,
                                              OptionalDouble asked, double byDefault) {
        boolean allowed = profile.allowsTemperature(effort);
        if (asked.isPresent() && !allowed) {
            throw new IllegalArgumentException("model '" + model + "' takes no temperature "
                    + (profile.temperature() == ModelProfile.Temperature.NEVER ? "at all"
                    : "with reasoning_effort " + profile.effectiveEffort(effort).map(ReasoningEffort::value)
                    .orElse("?") + " (only with none)") + "; leave temperature unset");
        }
        if (!allowed) {
            return OptionalDouble.empty();
        }
        return asked.isPresent() ? asked : OptionalDouble.of(byDefault);
    }

    private static int maxTokens(String model, ModelProfile profile, boolean reasons, OptionalInt asked) {
        int tokens = asked.orElse(reasons ? PromptClassifier.DEFAULT_REASONING_MAX_COMPLETION_TOKENS
                : PromptClassifier.DEFAULT_MAX_COMPLETION_TOKENS);
        if (profile.maxOutputTokens().isPresent()) {
            int limit = profile.maxOutputTokens().getAsInt();
            if (asked.isPresent() && tokens > limit) {
                throw new IllegalArgumentException("maxCompletionTokens " + tokens + " is more than model '" + model
                        + "' writes (" + limit + ")");
            }
            tokens = Math.min(tokens, limit);
        }
        if (reasons && tokens < MIN_REASONING_COMPLETION_TOKENS) {
            LOG.warn("model '{}' reasons with these settings and its reasoning tokens count against"
                    + " max_completion_tokens {}: answers may be cut off before the label (finish_reason length);"
                    + " leave it unset for {}, or use reasoningEffort(ReasoningEffort.NONE)", model, tokens,
                    PromptClassifier.DEFAULT_REASONING_MAX_COMPLETION_TOKENS);
        }
        return tokens;
    }
}
