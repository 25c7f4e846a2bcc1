package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;

import java.util.HashMap;
import java.util.Map;

/** A stand-in model whose vectors a test sets per text: geometry built for what the test checks. */
final class TableEmbedder implements TextEmbedder {

    private final Map<String, float[]> vectors = new HashMap<>();

    TableEmbedder put(String text, float[] vector) {
        vectors.put(text, vector.clone());
        return this;
    }

    @Override
    public float[] embed(String text) {
        float[] vector = vectors.get(text);
        if (vector == null) {
            throw new IllegalArgumentException("no vector set for a text of " + text.length() + " chars");
        }
        return vector.clone();
    }

    @Override
    public String modelId() {
        return "table-vectors";
    }
}
