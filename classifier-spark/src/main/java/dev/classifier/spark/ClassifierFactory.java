package dev.classifier.spark;

import dev.classifier.api.Classifier;

import java.io.Serializable;

/**
 * Makes a classifier on an executor. Spark serializes the factory with the job (it should hold settings and paths,
 * not a model); each executor JVM calls {@link #create()} once per factory content and shares the classifier among
 * its tasks, so the classifier must be safe to call from several threads.
 */
@FunctionalInterface
public interface ClassifierFactory extends Serializable {

    /**
     * Makes the classifier.
     *
     * @return a classifier, safe to call from several threads at once
     * @throws Exception if it cannot be made; the job fails with the cause
     */
    Classifier create() throws Exception;
}
