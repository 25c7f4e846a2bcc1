package dev.classifier.api;

/**
 * A classifier a {@link Trainer} made. It names the version of its trained model, so that a wrapper which swaps
 * models (or blends one into another) can say which model answered.
 */
public interface TrainedClassifier extends Classifier {

    /**
     * The strategy and a fingerprint of the trained model, e.g. {@code local-ngram-v2@3f2a9c0d1b7e}: equal for
     * models that would answer alike, different when the training data or settings differ.
     *
     * @return the model version, never blank
     */
    String modelVersion();
}
