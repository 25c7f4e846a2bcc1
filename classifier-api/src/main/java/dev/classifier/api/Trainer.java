package dev.classifier.api;

import java.util.List;
import java.util.Objects;

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

    /**
     * Trains a classifier on the rows, starting from a model this trainer made before on nearly the same rows: the
     * retraining a wrapper runs in the background each time a few corrections arrive. An implementation may reuse
     * what {@code previous} learnt (its feature statistics, its weights as a warm start, the settings its search
     * chose), so that retraining costs a fraction of {@link #train}; the result should answer about as well as a
     * model trained from scratch on the same rows.
     *
     * <p>The settings a search chose for {@code previous} (a regularisation strength, a blend weight, a
     * temperature) should be kept unless the new rows clearly prefer others: one added row must not make them jump.
     * When {@code previous} was not made by this trainer, with its settings and for this taxonomy, an implementation
     * trains from scratch. {@code previous} stays open and belongs to its owner; the new classifier belongs to the
     * caller. By default this is {@link #train}: trainers that cannot reuse anything need not override it.
     *
     * @param previous the model to start from, usually the one answering now; left open and unchanged
     * @param rows     the labelled articles to learn from, usually one per article ({@link TrainingRows} makes
     *                 them from feedback)
     * @param taxonomy the categories the new classifier answers in
     * @return a new classifier over {@code taxonomy}, owned by the caller
     * @throws IllegalArgumentException if no row has a label of the taxonomy
     * @throws NullPointerException     if {@code previous} is null
     */
    default TrainedClassifier retrain(TrainedClassifier previous, List<LabeledArticle> rows, Taxonomy taxonomy) {
        Objects.requireNonNull(previous, "previous");
        return train(rows, taxonomy);
    }
}
