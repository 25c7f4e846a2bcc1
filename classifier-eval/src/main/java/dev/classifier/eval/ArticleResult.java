package dev.classifier.eval;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
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
 * @param title        what reports show to name the article: its title, or the start of its body when it has
 *                     none (article text: reports escape it)
 * @param usage        what this article is known to have cost: its prediction's usage, or for a failure what
 *                     was spent before it failed (usually nothing is known, so {@link Usage#NONE})
 * @param latencyNanos time spent on this article; see {@link LatencySummary.Basis} for how it was measured
 */
public record ArticleResult(String articleId, String title, String gold, Outcome outcome, Usage usage,
                            long latencyNanos) {

    /** How much of a body stands for the title of an article that has none. */
    static final int TITLE_FROM_BODY = 80;

    public ArticleResult {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(gold, "gold");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(usage, "usage");
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency of article '" + articleId + "' is negative: " + latencyNanos);
        }
    }

    /** The result of a labelled article, whose usage is its prediction's (nothing for a failure). */
    public static ArticleResult of(LabeledArticle row, Outcome outcome, long latencyNanos) {
        Usage usage = outcome.predictionIfAny().map(Prediction::usage).orElse(Usage.NONE);
        return new ArticleResult(row.article().id(), titleOf(row.article()), row.label(), outcome, usage, latencyNanos);
    }

    /** The title, or the start of the body (cut at a whole character) when there is none. */
    static String titleOf(Article article) {
        if (!article.title().isBlank()) {
            return article.title();
        }
        String body = article.body().strip();
        if (body.codePointCount(0, body.length()) <= TITLE_FROM_BODY) {
            return body;
        }
        return body.substring(0, body.offsetByCodePoints(0, TITLE_FROM_BODY)) + "…";
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
