package dev.classifier.spark;

import dev.classifier.api.TextEmbedder;

import java.io.Serializable;

/**
 * Makes the embedding model on an executor ({@code OnnxTextEmbedder::loadDefault}, say): once per executor JVM, with
 * the saved embedding classifier it serves.
 */
@FunctionalInterface
public interface EmbedderFactory extends Serializable {

    /**
     * Makes the embedder.
     *
     * @return the embedding model the classifier was trained with
     * @throws Exception if it cannot be made
     */
    TextEmbedder create() throws Exception;
}
