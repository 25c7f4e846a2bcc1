package dev.classifier.spark;

import dev.classifier.api.Classifier;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;

/**
 * Where the executors get their classifier from. A source is small and serializable: it travels with each task,
 * the model does not. Each JVM (executor or driver) opens the classifier once per {@link #key()} and keeps it for
 * every later task and job ({@link ExecutorModels}). Made by {@link ModelSources}.
 */
public interface ModelSource extends Serializable {

    /**
     * The cache key of the model: a hash of its content, so a changed model is loaded again and an unchanged one is
     * not, whatever its file is called.
     *
     * @return a key that changes when the model does
     */
    String key();

    /**
     * Ships what the executors need to open the model (a file, say); called on the driver before each job.
     *
     * @param spark the session the job runs in
     */
    void distribute(SparkSession spark);

    /**
     * Opens the classifier; called at most once per JVM and key, on the driver or on an executor.
     *
     * @return the classifier
     * @throws Exception if the model cannot be opened
     */
    Classifier open() throws Exception;

    /**
     * The model version written beside every answer when the classifier does not tell its own (a
     * {@link dev.classifier.api.TrainedClassifier} does).
     *
     * @return a version that changes when the model does
     */
    default String fallbackVersion() {
        return key();
    }

    /**
     * Says what the source is, for messages.
     *
     * @return a short description, with no secret in it
     */
    String describe();
}
