package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a vector: the seam through which an embedding model serves similarity (prompt windows,
 * classifiers) without the modules that use it depending on an embedding runtime.
 */
public interface TextEmbedder {

    float[] embed(String text);

    /** Embeds many texts; implementations batch where the model allows. Same order and size as the input. */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    /** Names the model and its version, so vectors of different models are never mixed (caches key on it). */
    String modelId();
}
