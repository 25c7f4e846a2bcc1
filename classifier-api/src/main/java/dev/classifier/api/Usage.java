package dev.classifier.api;

/**
 * Tokens and money one or more model calls cost. Offline strategies report {@link #NONE}; a cascade reports the
 * sum of what its classifiers spent ({@link #plus}).
 *
 * @param promptTokens       tokens sent to the model, cached ones included
 * @param cachedPromptTokens of those, how many the provider served from its prompt cache (billed at a discount)
 * @param completionTokens   tokens the model wrote
 * @param costUsd            what the calls cost in US dollars, as the strategy prices them
 */
public record Usage(long promptTokens, long cachedPromptTokens, long completionTokens, double costUsd) {

    /** No tokens, no cost: what an offline strategy spends. */
    public static final Usage NONE = new Usage(0, 0, 0, 0.0);

    /**
     * Checks the counts and the cost.
     *
     * @param promptTokens       tokens sent, not negative
     * @param cachedPromptTokens of those, tokens served from the prompt cache
     * @param completionTokens   tokens written, not negative
     * @param costUsd            cost in US dollars, finite and not negative
     * @throws IllegalArgumentException if a count is negative, more prompt tokens are cached than were sent,
     *                                  or the cost is negative, NaN or infinite
     */
    public Usage {
        if (promptTokens < 0 || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + promptTokens + ", "
                    + cachedPromptTokens + ", " + completionTokens);
        }
        if (cachedPromptTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens (" + cachedPromptTokens
                    + ") exceed prompt tokens (" + promptTokens + ")");
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be a finite amount >= 0, was " + costUsd);
        }
    }

    /**
     * Adds two usages, e.g. the two calls of a cascade or the predictions of a run.
     *
     * @param other the usage to add
     * @return the field-by-field sum
     */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, cachedPromptTokens + other.cachedPromptTokens,
                completionTokens + other.completionTokens, costUsd + other.costUsd);
    }

    /**
     * Tokens in and out.
     *
     * @return {@code promptTokens + completionTokens}
     */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
