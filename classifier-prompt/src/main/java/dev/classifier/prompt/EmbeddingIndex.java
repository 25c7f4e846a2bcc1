package dev.classifier.prompt;

import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.IntBinaryOperator;
import java.util.function.IntPredicate;

/**
 * Unit-length vectors of indexed documents from one {@link TextEmbedder}, searched by cosine similarity (a dot
 * product of unit vectors) over every live document. Not thread-safe: the owner guards writes against reads.
 */
final class EmbeddingIndex {

    private final TextEmbedder embedder;
    private float[][] vectors = new float[1024][];
    private int dimensions = -1;

    EmbeddingIndex(TextEmbedder embedder) {
        this.embedder = embedder;
    }

    TextEmbedder embedder() {
        return embedder;
    }

    /** Embeds the texts of these documents in one batch. */
    void addAll(List<Integer> docs, List<String> texts) {
        if (docs.isEmpty()) {
            return;
        }
        List<float[]> embedded = embedder.embedAll(texts);
        if (embedded.size() != texts.size()) {
            throw new IllegalStateException("embedder " + embedder.modelId() + " returned " + embedded.size()
                    + " vectors for " + texts.size() + " texts");
        }
        for (int i = 0; i < docs.size(); i++) {
            int doc = docs.get(i);
            if (doc >= vectors.length) {
                vectors = Arrays.copyOf(vectors, Math.max(doc + 1, vectors.length * 2));
            }
            vectors[doc] = unit(embedded.get(i));
        }
    }

    void remove(int doc) {
        if (doc < vectors.length) {
            vectors[doc] = null;
        }
    }

    /** The query text as a unit vector. */
    float[] embedQuery(String text) {
        return unit(embedder.embed(text));
    }

    /** The {@code k} documents most similar to the query, best first; ties by {@code tieBreak}. */
    List<Bm25Index.Hit> top(float[] query, int k, IntPredicate accept, IntBinaryOperator tieBreak) {
        if (k <= 0) {
            return List.of();
        }
        Comparator<Bm25Index.Hit> better = Comparator.comparingDouble((Bm25Index.Hit h) -> -h.score())
                .thenComparing((a, b) -> tieBreak.applyAsInt(a.doc(), b.doc()));
        PriorityQueue<Bm25Index.Hit> best = new PriorityQueue<>(k + 1, better.reversed());
        for (int doc = 0; doc < vectors.length; doc++) {
            float[] v = vectors[doc];
            if (v == null || !accept.test(doc)) {
                continue;
            }
            float dot = 0f;
            for (int i = 0; i < v.length; i++) {
                dot += v[i] * query[i];
            }
            best.add(new Bm25Index.Hit(doc, dot));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<Bm25Index.Hit> hits = new ArrayList<>(best);
        hits.sort(better);
        return hits;
    }

    private float[] unit(float[] vector) {
        if (dimensions < 0) {
            dimensions = vector.length;
        } else if (vector.length != dimensions) {
            throw new IllegalStateException("embedder " + embedder.modelId() + " returned a vector of "
                    + vector.length + " dimensions after vectors of " + dimensions);
        }
        double norm = 0;
        for (float x : vector) {
            norm += (double) x * x;
        }
        float[] unit = new float[vector.length];
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                unit[i] = vector[i] * scale;
            }
        }
        return unit;
    }
}
