package dev.classifier.embeddings;

import java.util.Map;
import java.util.Objects;

/**
 * How an {@link EmbeddingClassifier} was trained: on what, with which method, and what held-out data said.
 *
 * @param method           the method in use
 * @param examples         examples trained on
 * @param examplesPerLabel examples per label trained on
 * @param dropped          examples left out, by their original label (not in the taxonomy, or dropped by a mapping)
 * @param heldOutAccuracy  accuracy of each method tried on held-out folds of the training data (empty when too
 *                         little data to hold any out)
 * @param temperature      the softmax temperature calibration chose
 */
public record TrainingSummary(EmbeddingClassifier.Method method, int examples, Map<String, Integer> examplesPerLabel,
                              Map<String, Integer> dropped, Map<EmbeddingClassifier.Method, Double> heldOutAccuracy,
                              double temperature) {

    public TrainingSummary {
        Objects.requireNonNull(method, "method");
        examplesPerLabel = Map.copyOf(examplesPerLabel);
        dropped = Map.copyOf(dropped);
        heldOutAccuracy = Map.copyOf(heldOutAccuracy);
    }
}
