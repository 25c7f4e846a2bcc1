package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns text into a vector: the seam through which an embedding model serves similarity (prompt windows,
 * classifiers) without the modules that use it depending on an embedding runtime.
 */
public interface TextEmbedder {

    /**
     * Embeds one text.
     *
     * @param text the text; any length (an implementation may read only its head, as the model allows)
     * @return the vector, of the same dimension for every text of one model
     */
    float[] embed(String text);

    /**
     * Embeds many texts; implementations batch or spread them over threads where the model allows.
     *
     * @param texts the texts
     * @return one vector per text, in the same order and number as the input
     */
    default List<float[]> embedAll(List<String> texts) {
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    /**
     * Names the model and its version, so vectors of different models are never mixed (caches key on it).
     *
     * @return an id that changes whenever the vectors would (another model, another version of its files)
     */
    String modelId();
}
