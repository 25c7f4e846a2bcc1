package dev.classifier.prompt;

import dev.classifier.api.Usage;

/**
 * What a model charges, in US dollars per million tokens: uncached input, cached input (a prompt prefix OpenAI's
 * cache served) and output. Prices change; override the defaults with what your contract says.
 *
 * @param inputPerMillion       uncached prompt tokens
 * @param cachedInputPerMillion prompt tokens served from the prompt cache
 * @param outputPerMillion      completion tokens
 */
public record PriceTable(double inputPerMillion, double cachedInputPerMillion, double outputPerMillion) {

    private static final double MILLION = 1_000_000.0;

    public PriceTable {
        requirePrice(inputPerMillion, "input");
        requirePrice(cachedInputPerMillion, "cached input");
        requirePrice(outputPerMillion, "output");
    }

    /** Prices per million tokens: input, cached input, output. */
    public static PriceTable perMillion(double input, double cachedInput, double output) {
        return new PriceTable(input, cachedInput, output);
    }

    /** gpt-4o-mini list prices (OpenAI, 2025): $0.15 input, $0.075 cached input, $0.60 output per 1M tokens. */
    public static PriceTable gpt4oMini() {
        return new PriceTable(0.15, 0.075, 0.60);
    }

    /** Fine-tuned gpt-4o-mini-2024-07-18 inference list prices: $0.30, $0.15 cached, $1.20 output per 1M tokens. */
    public static PriceTable fineTunedGpt4oMini() {
        return new PriceTable(0.30, 0.15, 1.20);
    }

    /** The Batch API's prices for this model: half of every price (OpenAI, 2025). */
    public PriceTable batch() {
        return new PriceTable(inputPerMillion * 0.5, cachedInputPerMillion * 0.5, outputPerMillion * 0.5);
    }

    /** A model that costs nothing (a local server). */
    public static PriceTable free() {
        return new PriceTable(0, 0, 0);
    }

    /**
     * The cost of a call: uncached prompt tokens ({@code promptTokens - cachedPromptTokens}) at the input price,
     * cached ones at the cached price, completion tokens at the output price.
     */
    public double cost(long promptTokens, long cachedPromptTokens, long completionTokens) {
        if (cachedPromptTokens > promptTokens || cachedPromptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0 and cached <= prompt: " + promptTokens
                    + ", " + cachedPromptTokens + ", " + completionTokens);
        }
        return ((promptTokens - cachedPromptTokens) * inputPerMillion
                + cachedPromptTokens * cachedInputPerMillion
                + completionTokens * outputPerMillion) / MILLION;
    }

    /** The usage of a call with its cost filled in. */
    public Usage usage(long promptTokens, long cachedPromptTokens, long completionTokens) {
        return new Usage(promptTokens, cachedPromptTokens, completionTokens,
                cost(promptTokens, cachedPromptTokens, completionTokens));
    }

    private static void requirePrice(double price, String what) {
        if (!(price >= 0) || Double.isInfinite(price)) {
            throw new IllegalArgumentException(what + " price must be a finite amount >= 0, was " + price);
        }
    }
}
