package dev.classifier.prompt;

/**
 * What a {@link PromptClassifier#classifyAll} run would cost, worked out before it runs: every prompt is rendered
 * and counted with the model's tokenizer (the response schema included); articles the prediction cache already
 * holds, and duplicates within the run, are not counted. The completion is taken as the answer JSON with the
 * longest label and a reason of {@link PromptClassifier#ESTIMATED_REASON_TOKENS} tokens; when the model reasons,
 * as its whole {@code max_completion_tokens} (its reasoning cannot be known before). No prompt caching is assumed,
 * so the cost is an upper bound for the prompt part.
 *
 * @param articles         articles in the run
 * @param calls            calls the run would make
 * @param promptTokens     prompt tokens of those calls
 * @param completionTokens completion tokens expected
 * @param costUsd          at the model's prices, without prompt-cache discounts (0 when they are unknown)
 * @param costKnown        whether the model's prices are known
 */
public record CostEstimate(int articles, int calls, long promptTokens, long completionTokens, double costUsd,
                           boolean costKnown) {

    public CostEstimate {
        if (articles < 0 || calls < 0 || calls > articles || promptTokens < 0 || completionTokens < 0
                || !(costUsd >= 0)) {
            throw new IllegalArgumentException("invalid estimate: " + articles + " articles, " + calls + " calls, "
                    + promptTokens + " + " + completionTokens + " tokens, $" + costUsd);
        }
    }

    /** An estimate at known prices. */
    public CostEstimate(int articles, int calls, long promptTokens, long completionTokens, double costUsd) {
        this(articles, calls, promptTokens, completionTokens, costUsd, true);
    }

    /** The cost per 1,000 articles of the run (0 for an empty run). */
    public double costPerThousandArticles() {
        return articles == 0 ? 0.0 : costUsd * 1000.0 / articles;
    }
}
