package dev.classifier.embeddings;

import java.util.Objects;

/**
 * A text's vector with what the model read of it.
 *
 * @param vector    L2-normalised, so a dot product is the cosine similarity
 * @param tokens    tokens the model read, [CLS] and [SEP] included
 * @param truncated whether the text was longer than the model reads (its head was kept)
 */
public record Embedding(float[] vector, int tokens, boolean truncated) {

    public Embedding {
        Objects.requireNonNull(vector, "vector");
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, was " + tokens);
        }
    }
}
