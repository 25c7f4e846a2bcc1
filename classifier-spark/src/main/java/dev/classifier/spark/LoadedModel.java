package dev.classifier.spark;

import dev.classifier.api.Classifier;

import java.util.Objects;

/**
 * A classifier opened in this JVM and the model version its answers are written with.
 *
 * @param classifier the classifier, shared by every task of the JVM
 * @param version    its {@code TrainedClassifier.modelVersion()}, or the source's fallback version
 */
record LoadedModel(Classifier classifier, String version) {

    LoadedModel {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(version, "version");
    }
}
