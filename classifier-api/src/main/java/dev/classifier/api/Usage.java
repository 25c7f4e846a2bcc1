package dev.classifier.api;

import java.util.OptionalDouble;

/**
 * Tokens and money one or more model calls cost. Offline strategies report {@link #NONE}.
 *
 * <p>Token counts follow OpenAI's {@code usage} object: {@code cachedPromptTokens} (prompt tokens read from the
 * prompt cache) and {@code cacheWriteTokens} (prompt tokens written to it) are parts of {@code promptTokens};
 * {@code reasoningTokens} are part of {@code completionTokens} (they are billed as output). Neither detail is ever
 * added to its total a second time.
 *
 * <p>A model whose prices are not known has an unknown cost: {@link #costKnown()} is false, {@link #cost()} is
 * empty, and {@link #costUsd()} holds only the part that could be priced (a lower bound, 0 when nothing could).
 * Unknown is kept as a flag rather than NaN so that sums stay usable: {@link #plus} adds the known parts and the
 * total stays unknown once any part was.
 *
 * @param promptTokens       tokens of the prompt, cached and cache-written ones included
 * @param cachedPromptTokens prompt tokens served from the provider's prompt cache
 * @param cacheWriteTokens   prompt tokens written to the provider's prompt cache
 * @param completionTokens   tokens of the completion, reasoning tokens included
 * @param reasoningTokens    completion tokens the model spent reasoning before it answered
 * @param costUsd            what the tokens cost in US dollars, or, when the cost is unknown, what of it is known
 * @param costKnown          whether every call summed here could be priced
 */
public record Usage(long promptTokens, long cachedPromptTokens, long cacheWriteTokens, long completionTokens,
                    long reasoningTokens, double costUsd, boolean costKnown) {

    /** No tokens, no cost: what an offline prediction or a cache hit costs. */
    public static final Usage NONE = new Usage(0, 0, 0, 0.0);

    /**
     * Checks the counts and the cost.
     *
     * @throws IllegalArgumentException when a count is negative, a detail exceeds its total or the cost is not a
     *                                  finite amount &gt;= 0
     */
    public Usage {
        if (promptTokens < 0 || cachedPromptTokens < 0 || cacheWriteTokens < 0 || completionTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: prompt " + promptTokens
                    + ", cached " + cachedPromptTokens + ", cache writes " + cacheWriteTokens + ", completion "
                    + completionTokens + ", reasoning " + reasoningTokens);
        }
        if (cachedPromptTokens + cacheWriteTokens > promptTokens) {
            throw new IllegalArgumentException("cached prompt tokens (" + cachedPromptTokens + ") and cache writes ("
                    + cacheWriteTokens + ") exceed prompt tokens (" + promptTokens + ")");
        }
        if (reasoningTokens > completionTokens) {
            throw new IllegalArgumentException("reasoning tokens (" + reasoningTokens + ") exceed completion tokens ("
                    + completionTokens + "), which include them");
        }
        if (!(costUsd >= 0) || Double.isInfinite(costUsd)) {
            throw new IllegalArgumentException("cost must be a finite amount >= 0, was " + costUsd);
        }
    }

    /**
     * A usage with no cache writes and no reasoning, at a known cost.
     *
     * @param promptTokens       tokens of the prompt, cached ones included
     * @param cachedPromptTokens prompt tokens served from the provider's prompt cache
     * @param completionTokens   tokens of the completion
     * @param costUsd            what the tokens cost in US dollars
     */
    public Usage(long promptTokens, long cachedPromptTokens, long completionTokens, double costUsd) {
        this(promptTokens, cachedPromptTokens, 0, completionTokens, 0, costUsd, true);
    }

    /**
     * The usage of calls to a model whose prices are not known: the tokens, and a cost that is unknown.
     *
     * @param promptTokens       tokens of the prompt, cached and cache-written ones included
     * @param cachedPromptTokens prompt tokens served from the provider's prompt cache
     * @param cacheWriteTokens   prompt tokens written to the provider's prompt cache
     * @param completionTokens   tokens of the completion, reasoning tokens included
     * @param reasoningTokens    completion tokens spent reasoning
     * @return the usage, with {@link #costKnown()} false and {@link #costUsd()} 0
     */
    public static Usage unpriced(long promptTokens, long cachedPromptTokens, long cacheWriteTokens,
                                 long completionTokens, long reasoningTokens) {
        return new Usage(promptTokens, cachedPromptTokens, cacheWriteTokens, completionTokens, reasoningTokens, 0.0,
                false);
    }

    /**
     * The sum of two usages: every count added, the known costs added, and the cost known only if both were.
     *
     * @param other the usage to add
     * @return the sum
     */
    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, cachedPromptTokens + other.cachedPromptTokens,
                cacheWriteTokens + other.cacheWriteTokens, completionTokens + other.completionTokens,
                reasoningTokens + other.reasoningTokens, costUsd + other.costUsd, costKnown && other.costKnown);
    }

    /**
     * The cost in US dollars, when it is known.
     *
     * @return the cost, or empty when some call could not be priced
     */
    public OptionalDouble cost() {
        return costKnown ? OptionalDouble.of(costUsd) : OptionalDouble.empty();
    }

    /**
     * Prompt and completion tokens together (details are parts of these, so they are not added again).
     *
     * @return {@code promptTokens + completionTokens}
     */
    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
