package dev.classifier.eval;

import dev.classifier.api.Usage;

import java.util.Objects;

/**
 * What classifying the set cost, in total and per 1,000 articles (the total divided by every article of the
 * set, failures included, times 1,000). Failures whose cost the classifier could not report count as free.
 */
public record UsageSummary(Usage total, int articles, double promptTokensPer1000, double cachedPromptTokensPer1000,
                           double completionTokensPer1000, double costPer1000Usd) {

    public UsageSummary {
        Objects.requireNonNull(total, "total");
        if (articles < 1) {
            throw new IllegalArgumentException("usage needs at least one article, was " + articles);
        }
    }

    /** Tokens per 1,000 articles that reports show: prompt (cached ones included) plus completion tokens. */
    public double tokensPer1000() {
        return promptTokensPer1000 + completionTokensPer1000;
    }

    public static UsageSummary of(Usage total, int articles) {
        double scale = 1000.0 / articles;
        return new UsageSummary(total, articles, total.promptTokens() * scale, total.cachedPromptTokens() * scale,
                total.completionTokens() * scale, total.costUsd() * scale);
    }
}
