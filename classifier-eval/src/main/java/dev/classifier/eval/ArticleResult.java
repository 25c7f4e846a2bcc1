package dev.classifier.eval;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one article of a labelled set: its gold label, the classifier's outcome, what it is known
 * to have cost and how long it took. Kept in an {@link EvaluationResult} so that reports and a
 * {@link CascadeSweep} reuse predictions instead of classifying again.
 *
 * @param usage        what this article is known to have cost: its prediction's usage, or for a failure what
 *                     was spent before it failed (usually nothing is known, so {@link Usage#NONE})
 * @param latencyNanos time spent on this article; see {@link LatencySummary.Basis} for how it was measured
 */
public record ArticleResult(String articleId, String gold, Outcome outcome, Usage usage, long latencyNanos) {

    public ArticleResult {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(usage, "usage");
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency of article '" + articleId + "' is negative: " + latencyNanos);
        }
    }

    /** A result whose usage is its prediction's (nothing for a failure). */
    public static ArticleResult of(String articleId, String gold, Outcome outcome, long latencyNanos) {
        Usage usage = outcome.predictionIfAny().map(Prediction::usage).orElse(Usage.NONE);
        return new ArticleResult(articleId, gold, outcome, usage, latencyNanos);
    }

    public Optional<Prediction> prediction() {
        return outcome.predictionIfAny();
    }

    /** The predicted label, or empty for a failure. */
    public Optional<String> predicted() {
        return prediction().map(Prediction::label);
    }

    /** True when a prediction was had and its label is the gold one. */
    public boolean correct() {
        return predicted().map(gold::equals).orElse(false);
    }
}
