package dev.classifier.api;

import java.util.List;

/**
 * Makes a classifier from labelled rows. It is the seam through which a wrapper that retrains as feedback arrives
 * (such as {@code RefreshingClassifier} in classifier-local), or a strategy that blends in a second model (such as
 * the embedding classifier's companion), trains any offline strategy without depending on it.
 *
 * <p>Implementations are safe to call from a background thread and keep no state between calls: each call makes
 * a new classifier, which belongs to the caller (who closes it).
 */
@FunctionalInterface
public interface Trainer {

    /**
     * Trains a classifier on the rows whose label the taxonomy has; the other rows are left out (and logged), not
     * an error.
     *
     * @param rows     the labelled articles to learn from, usually one per article ({@link TrainingRows} makes
     *                 them from feedback)
     * @param taxonomy the categories the new classifier answers in
     * @return a new classifier over {@code taxonomy}, owned by the caller
     * @throws IllegalArgumentException if no row has a label of the taxonomy
     */
    TrainedClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy);
}
