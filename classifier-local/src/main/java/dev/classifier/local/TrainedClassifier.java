package dev.classifier.local;

import dev.classifier.api.Classifier;

/** A classifier a {@link Trainer} made: it names its model version, as its predictions do in {@code model()}. */
public interface TrainedClassifier extends Classifier {

    /**
     * The strategy and a fingerprint of the trained model, e.g. {@code local-ngram-v2@3f2a9c0d1b7e}: equal for
     * models that would answer alike, different when the training data or settings differ.
     */
    String modelVersion();
}
