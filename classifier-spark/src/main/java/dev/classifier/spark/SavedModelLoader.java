package dev.classifier.spark;

import dev.classifier.api.Classifier;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * Reads a saved model file into a classifier, on an executor ({@code LocalClassifier::load}, say). Serializable: it
 * travels with the tasks, the file goes once per executor.
 */
@FunctionalInterface
public interface SavedModelLoader extends Serializable {

    /**
     * Reads the model.
     *
     * @param file the saved model, local to this JVM
     * @return a classifier, safe to call from several threads at once
     * @throws Exception if the file cannot be read
     */
    Classifier load(Path file) throws Exception;
}
