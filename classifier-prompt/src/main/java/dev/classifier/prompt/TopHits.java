package dev.classifier.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * The {@code k} best of a stream of scored documents: a heap of primitives whose root is the worst kept, ranked by
 * score (higher first) and, for equal scores, by a tie-break (smaller first). The ranking is a total order, so the
 * documents kept are the same whatever the order they come in; a {@code PriorityQueue} of hits with a composed
 * comparator did the same work with an object and several indirect calls per comparison.
 */
final class TopHits {

    private final int k;
    private final IntBinaryOperator tieBreak;
    private final int[] docs;
    private final float[] scores;
    private int size;

    TopHits(int k, IntBinaryOperator tieBreak) {
        this.k = k;
        this.tieBreak = tieBreak;
        this.docs = new int[k];
        this.scores = new float[k];
    }

    /** Whether a document of this score could not be kept, whatever its tie-break: a cheap test before others. */
    boolean surelyOut(float score) {
        return size == k && score < scores[0];
    }

    /** Offers a document: kept if fewer than {@code k} are kept or it ranks before the worst kept. */
    void offer(int doc, float score) {
        if (size < k) {
            docs[size] = doc;
            scores[size] = score;
            siftUp(size++);
        } else if (worse(docs[0], scores[0], doc, score)) {
            docs[0] = doc;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** The documents kept, best first. */
    List<Bm25Index.Hit> best() {
        List<Bm25Index.Hit> hits = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            hits.add(new Bm25Index.Hit(docs[i], scores[i]));
        }
        hits.sort(Comparator.comparingDouble((Bm25Index.Hit h) -> -h.score())
                .thenComparing((a, b) -> tieBreak.applyAsInt(a.doc(), b.doc())));
        return hits;
    }

    /** Whether document a ranks after document b. */
    private boolean worse(int a, float scoreA, int b, float scoreB) {
        return scoreA < scoreB || (scoreA == scoreB && tieBreak.applyAsInt(a, b) > 0);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(docs[i], scores[i], docs[parent], scores[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(docs[right], scores[right], docs[left], scores[left])) {
                worst = right;
            }
            if (!worse(docs[worst], scores[worst], docs[i], scores[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int i, int j) {
        int doc = docs[i];
        docs[i] = docs[j];
        docs[j] = doc;
        float score = scores[i];
        scores[i] = scores[j];
        scores[j] = score;
    }
}
