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
 *                         ({@code AUTO}: with the companion, when it was tried)
 * @param l2               the logistic regression's penalty held-out data chose (NaN for the centroid)
 * @param temperature      the softmax temperature calibration chose
 * @param companionWeight  the weight of the companion classifier's log-probabilities; 0 when it is not used
 */
public record TrainingSummary(EmbeddingClassifier.Method method, int examples, Map<String, Integer> examplesPerLabel,
                              Map<String, Integer> dropped, Map<EmbeddingClassifier.Method, Double> heldOutAccuracy,
                              double l2, double temperature, double companionWeight) {

    public TrainingSummary {
        Objects.requireNonNull(method, "method");
        examplesPerLabel = Map.copyOf(examplesPerLabel);
        dropped = Map.copyOf(dropped);
        heldOutAccuracy = Map.copyOf(heldOutAccuracy);
    }
}
