package dev.classifier.prompt;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.function.IntPredicate;

/**
 * An in-memory inverted index scored with Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's idf). Documents are numbered
 * by the caller and removed by number; a removed document is skipped and no longer counts in the statistics.
 * Not thread-safe: the owner guards writes against reads.
 */
final class Bm25Index {

    static final float K1 = 1.2f;
    static final float B = 0.75f;

    private final Map<String, Postings> postings = new HashMap<>();
    private int[] length = new int[1024];
    private boolean[] live = new boolean[1024];
    private int liveDocs;
    private long liveLength;
    /** Counts adds and removals: a term's cached contributions are good for the count they were made at. */
    private long edits;
    /** k1 * (1 - b + b * length / average length) per document, for the statistics it was computed at. */
    private volatile Norms norms = new Norms(-1, -1, new float[0]);
    /** Score accumulators, reused per thread: one float per document number. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Indexes a document's terms under number {@code doc} (numbers grow by one per call). */
    void add(int doc, List<String> terms) {
        ensureCapacity(doc + 1);
        Map<String, Integer> tf = new HashMap<>();
        for (String term : terms) {
            tf.merge(term, 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            postings.computeIfAbsent(e.getKey(), k -> new Postings()).add(doc, e.getValue());
        }
        length[doc] = terms.size();
        live[doc] = true;
        liveDocs++;
        liveLength += terms.size();
        edits++;
    }

    /** Removes a document; {@code terms} are the terms it was added with. */
    void remove(int doc, List<String> terms) {
        if (doc >= live.length || !live[doc]) {
            return;
        }
        live[doc] = false;
        liveDocs--;
        liveLength -= length[doc];
        edits++;
        for (String term : new LinkedHashSet<>(terms)) {
            Postings p = postings.get(term);
            if (p != null) {
                p.liveDocFreq--;
            }
        }
    }

    int liveDocs() {
        return liveDocs;
    }

    /** A document and its score. */
    record Hit(int doc, float score) {
    }

    /**
     * The {@code k} best-scoring live documents that {@code accept} lets through, best first. Equal scores are
     * ordered by {@code tieBreak} (smaller first), so the result is deterministic.
     */
    List<Hit> top(Collection<String> queryTerms, int k, IntPredicate accept, IntBinaryOperator tieBreak) {
        if (liveDocs == 0 || k <= 0) {
            return List.of();
        }
        Scratch s = scratch.get();
        s.ensure(live.length);
        accumulate(queryTerms, s);
        TopHits best = new TopHits(k, tieBreak);
        for (int i = 0; i < s.touchedCount; i++) {
            int doc = s.touched[i];
            float score = s.scores[doc];
            s.scores[doc] = 0f;
            if (best.surelyOut(score)) {
                continue; // cheap reject before the filter and the tie-break
            }
            if (accept.test(doc)) {
                best.offer(doc, score);
            }
        }
        s.touchedCount = 0;
        return best.best();
    }

    private record Norms(int liveDocs, long liveLength, float[] values) {
    }

    /** The length norms for the current statistics; recomputed (into a new array) only after the index changed. */
    private float[] norms() {
        Norms current = norms;
        if (current.liveDocs() != liveDocs || current.liveLength() != liveLength || current.values().length < live.length) {
            float avgLength = (float) liveLength / liveDocs;
            float[] values = new float[live.length];
            for (int doc = 0; doc < values.length; doc++) {
                values[doc] = K1 * (1 - B + B * length[doc] / avgLength);
            }
            current = new Norms(liveDocs, liveLength, values);
            norms = current; // racing readers compute the same values; either array is right
        }
        return current.values();
    }

    private void accumulate(Collection<String> queryTerms, Scratch s) {
        float[] norm = norms();
        float[] scores = s.scores;
        for (String term : queryTerms) {
            Postings p = postings.get(term);
            if (p == null || p.liveDocFreq <= 0) {
                continue;
            }
            float[] contribution = contributions(p, norm);
            int[] docs = p.docs;
            for (int i = 0, n = p.size; i < n; i++) {
                int doc = docs[i];
                if (!live[doc]) {
                    continue;
                }
                if (scores[doc] == 0f) {
                    s.touched[s.touchedCount++] = doc;
                }
                scores[doc] += contribution[i];
            }
        }
    }

    /**
     * What each posting of a term adds to its document's score, {@code weight * tf / (tf + norm)}: the same float
     * expression the loop would evaluate, computed once per term and kept until the index changes (a query's
     * common words otherwise cost a division per document that holds them, on every query).
     */
    private float[] contributions(Postings p, float[] norm) {
        Contributions cached = p.contributions;
        if (cached != null && cached.edits() == edits) {
            return cached.values();
        }
        float idf = (float) Math.log(1 + (liveDocs - p.liveDocFreq + 0.5) / (p.liveDocFreq + 0.5));
        float weight = idf * (K1 + 1);
        float[] values = new float[p.size];
        for (int i = 0; i < values.length; i++) {
            float tf = p.freqs[i];
            values[i] = weight * tf / (tf + norm[p.docs[i]]);
        }
        p.contributions = new Contributions(edits, values); // racing readers compute the same values
        return values;
    }

    /** A term's contributions, for the index as it was after {@code edits} adds and removals. */
    private record Contributions(long edits, float[] values) {
    }

    private void ensureCapacity(int docs) {
        if (docs > length.length) {
            int size = Math.max(docs, length.length * 2);
            length = Arrays.copyOf(length, size);
            live = Arrays.copyOf(live, size);
        }
    }

    /** Documents holding a term, in increasing number, with the term's count in each. */
    private static final class Postings {
        int[] docs = new int[4];
        int[] freqs = new int[4];
        int size;
        int liveDocFreq;
        volatile Contributions contributions;

        void add(int doc, int freq) {
            if (size == docs.length) {
                docs = Arrays.copyOf(docs, size * 2);
                freqs = Arrays.copyOf(freqs, size * 2);
            }
            docs[size] = doc;
            freqs[size] = freq;
            size++;
            liveDocFreq++;
        }
    }

    private static final class Scratch {
        float[] scores = new float[0];
        int[] touched = new int[0];
        int touchedCount;

        void ensure(int docs) {
            if (scores.length < docs) {
                scores = new float[docs];
                touched = new int[docs];
            }
        }
    }
}
