package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast stand-in for a model in tests: character bigrams hashed into a small vector. Texts that share bigrams
 * are close, so it classifies toy data; it counts the texts it embeds.
 */
final class HashingEmbedder implements TextEmbedder {

    static final int DIMENSION = 64;

    final AtomicInteger embedded = new AtomicInteger();
    private final String id;

    HashingEmbedder() {
        this("hashing-bigrams-64");
    }

    HashingEmbedder(String id) {
        this.id = id;
    }

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        float[] v = new float[DIMENSION];
        String s = " " + text.toLowerCase(java.util.Locale.ROOT) + " ";
        for (int i = 0; i + 1 < s.length(); i++) {
            int h = (s.charAt(i) * 31 + s.charAt(i + 1)) * 0x9E3779B1;
            v[(h >>> 16) % DIMENSION] += 1;
        }
        OnnxTextEmbedder.normalise(v);
        return v;
    }

    @Override
    public String modelId() {
        return id;
    }
}
