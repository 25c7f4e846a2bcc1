package dev.classifier.openai;

import dev.classifier.api.Usage;

/**
 * What a model charges, in US dollars per million tokens: uncached input, cached input (a prompt prefix the
 * provider's cache served), cache writes (prompt tokens written to the cache: 1.25x input for the 2026 models,
 * the plain input price where writes cost nothing extra), output (reasoning tokens included: they are billed as
 * output), and the factor of the Batch API's prices. Prices change; override the catalog's with what your contract
 * says ({@link ModelCatalog.Builder#prices}).
 *
 * @param inputPerMillion       uncached prompt tokens
 * @param cachedInputPerMillion prompt tokens served from the prompt cache
 * @param cacheWritePerMillion  prompt tokens written to the prompt cache
 * @param outputPerMillion      completion tokens, reasoning tokens included
 * @param batchFactor           what the Batch API charges, as a fraction of these prices (0.5: half)
 */
public record PriceTable(double inputPerMillion, double cachedInputPerMillion, double cacheWritePerMillion,
                         double outputPerMillion, double batchFactor) {

    /** The Batch API's discount on OpenAI's models: half of every price. */
    public static final double HALF = 0.5;

    private static final double MILLION = 1_000_000.0;

    public PriceTable {
        requirePrice(inputPerMillion, "input");
        requirePrice(cachedInputPerMillion, "cached input");
        requirePrice(cacheWritePerMillion, "cache write");
        requirePrice(outputPerMillion, "output");
        if (!(batchFactor > 0 && batchFactor <= 1)) {
            throw new IllegalArgumentException("batch factor must be in (0,1], was " + batchFactor);
        }
    }

    /**
     * Prices per million tokens: input, cached input, output; cache writes at the input price (no extra fee) and
     * the Batch API at half price.
     */
    public static PriceTable perMillion(double input, double cachedInput, double output) {
        return new PriceTable(input, cachedInput, input, output, HALF);
    }

    /** Prices per million tokens with a price of their own for cache writes; the Batch API at half price. */
    public static PriceTable perMillion(double input, double cachedInput, double cacheWrite, double output) {
        return new PriceTable(input, cachedInput, cacheWrite, output, HALF);
    }

    /** gpt-4o-mini list prices (OpenAI, 2025): $0.15 input, $0.075 cached input, $0.60 output per 1M tokens. */
    public static PriceTable gpt4oMini() {
        return perMillion(0.15, 0.075, 0.60);
    }

    /** Fine-tuned gpt-4o-mini-2024-07-18 inference list prices: $0.30, $0.15 cached, $1.20 output per 1M tokens. */
    public static PriceTable fineTunedGpt4oMini() {
        return perMillion(0.30, 0.15, 1.20);
    }

    /** A model that costs nothing (a local server). */
    public static PriceTable free() {
        return perMillion(0, 0, 0);
    }

    /** These prices with another Batch API factor. */
    public PriceTable withBatchFactor(double factor) {
        return new PriceTable(inputPerMillion, cachedInputPerMillion, cacheWritePerMillion, outputPerMillion, factor);
    }

    /** The Batch API's prices for this model: every price times the batch factor (these are final: factor 1). */
    public PriceTable batch() {
        return new PriceTable(inputPerMillion * batchFactor, cachedInputPerMillion * batchFactor,
                cacheWritePerMillion * batchFactor, outputPerMillion * batchFactor, 1.0);
    }

    /**
     * The cost of a call with no cache writes: uncached prompt tokens ({@code promptTokens - cachedPromptTokens}) at
     * the input price, cached ones at the cached price, completion tokens at the output price.
     */
    public double cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return cost(promptTokens, cachedPromptTokens, 0, completionTokens);
    }

    /**
     * The cost of a call. Cached and cache-written tokens are parts of the prompt tokens, priced at their own rates;
     * the rest of the prompt at the input price; completion tokens (reasoning included) at the output price.
     */
    public double cost(long promptTokens, long cachedPromptTokens, long cacheWriteTokens, long completionTokens) {
        if (promptTokens < 0 || cachedPromptTokens < 0 || cacheWriteTokens < 0 || completionTokens < 0
                || cachedPromptTokens + cacheWriteTokens > promptTokens) {
            throw new IllegalArgumentException("token counts must be >= 0 and cached + cache writes <= prompt: prompt "
                    + promptTokens + ", cached " + cachedPromptTokens + ", cache writes " + cacheWriteTokens
                    + ", completion " + completionTokens);
        }
        long uncached = promptTokens - cachedPromptTokens - cacheWriteTokens;
        return (uncached * inputPerMillion
                + cachedPromptTokens * cachedInputPerMillion
                + cacheWriteTokens * cacheWritePerMillion
                + completionTokens * outputPerMillion) / MILLION;
    }

    /** The usage of a call with no cache writes and no reasoning, its cost filled in. */
    public Usage usage(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return usage(promptTokens, cachedPromptTokens, 0, completionTokens, 0);
    }

    /**
     * The usage of a call with its cost filled in. Reasoning tokens are part of the completion tokens and are not
     * priced a second time.
     */
    public Usage usage(long promptTokens, long cachedPromptTokens, long cacheWriteTokens, long completionTokens,
                       long reasoningTokens) {
        return new Usage(promptTokens, cachedPromptTokens, cacheWriteTokens, completionTokens, reasoningTokens,
                cost(promptTokens, cachedPromptTokens, cacheWriteTokens, completionTokens), true);
    }

    private static void requirePrice(double price, String what) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(what + " price must be a finite amount >= 0, was " + price);
        }
    }
}
