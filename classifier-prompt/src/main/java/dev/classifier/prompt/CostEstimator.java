package dev.classifier.prompt;

import dev.classifier.openai.TokenCounter;

/**
 * The tokens and dollars a call is expected to take before it is made: the rendered prompt with the response
 * schema, and a completion of the answer JSON with the longest label and a short reason — or, when the model
 * reasons, its whole completion limit, since reasoning tokens cannot be known before. Priced at the model's
 * synchronous prices with no prompt-cache discount (an upper bound for the prompt). Used for
 * {@link PromptClassifier#estimate} and for the spending cap's check before each call.
 */
final class CostEstimator {

    private final ModelChoice model;
    private final int schemaTokens;
    private final long completionTokens;

    CostEstimator(PromptFormat format, ModelChoice model, String schemaJson) {
        this.model = model;
        TokenCounter tokens = format.tokenCounter();
        this.schemaTokens = tokens.count(schemaJson);
        String longest = format.taxonomy().labels().stream()
                .max((a, b) -> Integer.compare(tokens.count(a), tokens.count(b))).orElseThrow();
        long answer = TokenCounter.TOKENS_PER_REQUEST + tokens.count(format.answerJson(longest, ""))
                + PromptClassifier.ESTIMATED_REASON_TOKENS;
        this.completionTokens = model.reasons() ? model.maxCompletionTokens() : answer;
    }

    /** Prompt tokens of a rendered prompt as billed: its messages and the response schema. */
    long promptTokens(RenderedPrompt prompt) {
        return prompt.promptTokens() + (long) schemaTokens;
    }

    /** Tokens of the response schema, which OpenAI bills as part of the prompt. */
    int schemaTokens() {
        return schemaTokens;
    }

    /** Completion tokens expected of one call. */
    long completionTokens() {
        return completionTokens;
    }

    /** Whether the model's prices are known, so that calls can be priced (and capped). */
    boolean pricesKnown() {
        return model.profile().pricesKnown();
    }

    /** Dollars for these tokens at the model's prices, no cache discount; 0 when the prices are unknown. */
    double costUsd(long promptTokens, long completionTokens) {
        return model.profile().prices().map(p -> p.cost(promptTokens, 0, completionTokens)).orElse(0.0);
    }

    /** Dollars one call of this prompt is expected to cost at most (prompt uncached, completion as above). */
    double callCostUsd(RenderedPrompt prompt) {
        return costUsd(promptTokens(prompt), completionTokens);
    }
}
