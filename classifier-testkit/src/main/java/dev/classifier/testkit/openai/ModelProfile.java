package dev.classifier.testkit.openai;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How the server plays one model: the {@code reasoning_effort} values it accepts and the one it uses when a request
 * names none, when it takes {@code temperature}, whether its usage reports prompt-cache writes, whether fine-tuning
 * jobs may start from it, and when it shuts down. The same fields as the library's own model catalog, in a plain
 * testkit record (the testkit does not depend on openai-java).
 *
 * @param reasoningEfforts   the efforts the model accepts, in the spec's order; empty for a model that does not
 *                           reason (it refuses {@code reasoning_effort} as OpenAI's older models do)
 * @param defaultEffort      the effort of a request that names none; present exactly when the model reasons
 * @param temperature        when the model takes {@code temperature}
 * @param reportsCacheWrites whether usage carries {@code prompt_tokens_details.cache_write_tokens}
 * @param fineTunable        whether fine-tuning jobs may start from the model
 * @param shutdownDate       the day the model stops answering (it is gone from that day on, on the server's clock)
 */
public record ModelProfile(List<String> reasoningEfforts, Optional<String> defaultEffort, Temperature temperature,
                           boolean reportsCacheWrites, boolean fineTunable, Optional<LocalDate> shutdownDate) {

    /** The effort values of the 2026 spec's {@code ReasoningEffort}, in its order. */
    public static final List<String> SPEC_EFFORTS = List.of("none", "minimal", "low", "medium", "high", "xhigh",
            "max");

    /** The effort that turns reasoning off. */
    public static final String NO_REASONING = "none";

    /** When a model takes {@code temperature}. */
    public enum Temperature {
        /** Any value in [0, 2], as chat models without reasoning take it. */
        ANY,
        /** Only when the effective effort is {@code none}; with any other effort, any value is refused. */
        ONLY_WITH_EFFORT_NONE
    }

    public ModelProfile {
        reasoningEfforts = List.copyOf(reasoningEfforts);
        Objects.requireNonNull(defaultEffort, "defaultEffort");
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(shutdownDate, "shutdownDate");
        Set<String> seen = new HashSet<>();
        for (String effort : reasoningEfforts) {
            if (!SPEC_EFFORTS.contains(effort) || !seen.add(effort)) {
                throw new IllegalArgumentException("reasoning effort '" + effort + "' is repeated or not one of "
                        + SPEC_EFFORTS);
            }
        }
        if (reasoningEfforts.isEmpty() != defaultEffort.isEmpty()) {
            throw new IllegalArgumentException("a default effort goes with a non-empty list of efforts, and only "
                    + "with one; efforts " + reasoningEfforts + ", default " + defaultEffort.orElse("none given"));
        }
        if (defaultEffort.isPresent() && !reasoningEfforts.contains(defaultEffort.get())) {
            throw new IllegalArgumentException("default effort '" + defaultEffort.get() + "' is not among the "
                    + "accepted efforts " + reasoningEfforts);
        }
    }

    /** A chat model without reasoning: any temperature, no cache-write reports, not fine-tunable, no shutdown date. */
    public static ModelProfile chat() {
        return new ModelProfile(List.of(), Optional.empty(), Temperature.ANY, false, false, Optional.empty());
    }

    /**
     * A reasoning model that accepts these efforts and uses {@code defaultEffort} when a request names none; it
     * takes {@code temperature} only with effort {@code none}, reports no cache writes, is not fine-tunable and has
     * no shutdown date.
     */
    public static ModelProfile reasoning(String defaultEffort, String... efforts) {
        return new ModelProfile(List.of(efforts), Optional.of(defaultEffort), Temperature.ONLY_WITH_EFFORT_NONE,
                false, false, Optional.empty());
    }

    /** Whether the model reasons (accepts {@code reasoning_effort}). */
    public boolean reasons() {
        return !reasoningEfforts.isEmpty();
    }

    public ModelProfile withTemperature(Temperature rule) {
        return new ModelProfile(reasoningEfforts, defaultEffort, rule, reportsCacheWrites, fineTunable, shutdownDate);
    }

    public ModelProfile withCacheWrites(boolean reported) {
        return new ModelProfile(reasoningEfforts, defaultEffort, temperature, reported, fineTunable, shutdownDate);
    }

    public ModelProfile withFineTunable(boolean tunable) {
        return new ModelProfile(reasoningEfforts, defaultEffort, temperature, reportsCacheWrites, tunable,
                shutdownDate);
    }

    public ModelProfile withShutdownDate(LocalDate date) {
        return new ModelProfile(reasoningEfforts, defaultEffort, temperature, reportsCacheWrites, fineTunable,
                Optional.of(Objects.requireNonNull(date, "date")));
    }

    public ModelProfile withoutShutdownDate() {
        return new ModelProfile(reasoningEfforts, defaultEffort, temperature, reportsCacheWrites, fineTunable,
                Optional.empty());
    }
}
