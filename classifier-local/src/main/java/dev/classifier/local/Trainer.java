package dev.classifier.local;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.List;

/**
 * Makes a classifier from labelled rows, so that {@link RefreshingClassifier} can retrain any offline strategy
 * (this module's n-gram model, or an embedding model) as feedback arrives. Implementations are safe to call from
 * a background thread and keep no state between calls.
 */
@FunctionalInterface
public interface Trainer {

    /**
     * Trains on the rows whose label the taxonomy has; the others are left out (and logged), not an error.
     *
     * @throws IllegalArgumentException if no row has a label of the taxonomy
     */
    TrainedClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy);
}
