package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;

import java.util.Objects;
import java.util.Optional;

/**
 * An article offered for review with what a classifier said about it, and optionally what a second classifier said
 * (for {@link ReviewPolicy#DISAGREEMENT} and {@link ReviewPolicy#CONSENSUS_MARGIN}).
 *
 * @param article    the article; its id keys the item in a {@link ReviewQueue}
 * @param prediction the prediction to review
 * @param second     a second classifier's prediction for the same article, or empty
 */
public record Candidate(Article article, Prediction prediction, Optional<Prediction> second) {

    /**
     * Checks the parts.
     *
     * @throws NullPointerException if a part is null
     */
    public Candidate {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(second, "second");
    }

    /**
     * An article with one classifier's prediction.
     *
     * @param article    the article
     * @param prediction what the classifier said
     * @return the candidate
     */
    public static Candidate of(Article article, Prediction prediction) {
        return new Candidate(article, prediction, Optional.empty());
    }

    /**
     * An article with the predictions of two classifiers (e.g. the local model and the embedding classifier).
     *
     * @param article the article
     * @param first   the prediction to review
     * @param second  the other classifier's prediction
     * @return the candidate
     */
    public static Candidate of(Article article, Prediction first, Prediction second) {
        return new Candidate(article, first, Optional.of(Objects.requireNonNull(second, "second")));
    }

    /**
     * The article's id.
     *
     * @return the id that keys the candidate in a queue
     */
    public String articleId() {
        return article.id();
    }
}
