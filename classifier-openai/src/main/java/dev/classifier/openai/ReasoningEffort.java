package dev.classifier.openai;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How hard a reasoning model thinks before it answers ({@code reasoning_effort}). The constants are the values
 * OpenAI's 2026 models accept; {@link #of(String)} takes any other value a provider documents (a new level, a
 * provider's own name) and passes it through to the request unchanged, whether or not the SDK has a constant for
 * it. Values are lower-case identifiers; two efforts are equal when their values are.
 *
 * <p>Reasoning tokens are billed as output tokens, so for a label {@link #NONE} is the cheap choice.
 */
public final class ReasoningEffort {

    /** No reasoning: the model answers at once (and {@code temperature} applies, where the model allows it). */
    public static final ReasoningEffort NONE = new ReasoningEffort("none");
    /** The least reasoning of the GPT-5 family (gpt-5, gpt-5-mini, gpt-5-nano). */
    public static final ReasoningEffort MINIMAL = new ReasoningEffort("minimal");
    /** Some reasoning. */
    public static final ReasoningEffort LOW = new ReasoningEffort("low");
    /** The default of gpt-6-luna and gpt-5.6-luna when a request names none. */
    public static final ReasoningEffort MEDIUM = new ReasoningEffort("medium");
    /** More reasoning. */
    public static final ReasoningEffort HIGH = new ReasoningEffort("high");
    /** More than high. */
    public static final ReasoningEffort XHIGH = new ReasoningEffort("xhigh");
    /** The most reasoning the model offers. */
    public static final ReasoningEffort MAX = new ReasoningEffort("max");

    private static final Pattern VALUE = Pattern.compile("[a-z0-9][a-z0-9_\\-]{0,31}");

    private final String value;

    private ReasoningEffort(String value) {
        this.value = value;
    }

    /**
     * The effort of this value: a constant's, or a value passed through as it is.
     *
     * @param value e.g. {@code "none"} or {@code "low"}; trimmed and lower-cased
     * @throws IllegalArgumentException when the value is not a short identifier
     */
    public static ReasoningEffort of(String value) {
        Objects.requireNonNull(value, "reasoning effort");
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (!VALUE.matcher(v).matches()) {
            throw new IllegalArgumentException("reasoning effort '" + value + "' is not a short identifier such as"
                    + " none, low, medium or high");
        }
        for (ReasoningEffort known : new ReasoningEffort[] {NONE, MINIMAL, LOW, MEDIUM, HIGH, XHIGH, MAX}) {
            if (known.value.equals(v)) {
                return known;
            }
        }
        return new ReasoningEffort(v);
    }

    /** The value as sent in {@code reasoning_effort}. */
    public String value() {
        return value;
    }

    /** Whether this is {@link #NONE}: the model does not reason. */
    public boolean isNone() {
        return this.equals(NONE);
    }

    /** The SDK's value, built from the string so that values the SDK has no constant for pass through. */
    public com.openai.models.ReasoningEffort toSdk() {
        return com.openai.models.ReasoningEffort.of(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReasoningEffort other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
