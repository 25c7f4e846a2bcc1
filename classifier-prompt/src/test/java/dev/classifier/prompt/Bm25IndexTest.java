package dev.classifier.prompt;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index's top hits are exactly those of BM25 computed the plain way (same float expression, term by term in
 * query order, every document sorted): the cached contributions and the primitive heap change no score and no
 * rank, also after adds and removals between queries.
 */
class Bm25IndexTest {

    private static final String[] WORDS = {"the", "market", "rates", "央行", "降息", "goal", "cup", "final", "chip",
            "phone", "a", "of", "news", "today", "club", "price"};

    /** BM25 as Bm25Index defines it, with no cache and no heap. */
    private static List<Bm25Index.Hit> plainTop(Map<Integer, List<String>> docs, List<String> query, int k,
                                                Set<Integer> refused) {
        int liveDocs = docs.size();
        long liveLength = docs.values().stream().mapToLong(List::size).sum();
        float avgLength = (float) liveLength / liveDocs;
        Map<Integer, Float> scores = new HashMap<>();
        for (String term : query) {
            long df = docs.values().stream().filter(terms -> terms.contains(term)).count();
            if (df == 0) {
                continue;
            }
            float idf = (float) Math.log(1 + (liveDocs - df + 0.5) / (df + 0.5));
            float weight = idf * (Bm25Index.K1 + 1);
            for (Map.Entry<Integer, List<String>> doc : docs.entrySet()) {
                float tf = doc.getValue().stream().filter(term::equals).count();
                if (tf == 0) {
                    continue;
                }
                float norm = Bm25Index.K1 * (1 - Bm25Index.B + Bm25Index.B * doc.getValue().size() / avgLength);
                float contribution = weight * tf / (tf + norm);
                scores.merge(doc.getKey(), contribution, (a, b) -> a + b);
            }
        }
        List<Bm25Index.Hit> hits = new ArrayList<>();
        scores.forEach((doc, score) -> {
            if (!refused.contains(doc)) {
                hits.add(new Bm25Index.Hit(doc, score));
            }
        });
        hits.sort(Comparator.comparingDouble((Bm25Index.Hit h) -> -h.score())
                .thenComparing((a, b) -> Integer.compare(b.doc(), a.doc()))); // newer (larger) first
        return hits.size() > k ? hits.subList(0, k) : hits;
    }

    private static List<String> randomTerms(Random random, int max) {
        List<String> terms = new ArrayList<>();
        for (int n = 1 + random.nextInt(max); n > 0; n--) {
            terms.add(WORDS[Math.min(WORDS.length - 1, (int) (Math.abs(random.nextGaussian()) * 5))]);
        }
        return terms;
    }

    @Test
    void topHitsAreExactlyThoseOfPlainBm25ThroughAddsAndRemovals() {
        Random random = new Random(7);
        Bm25Index index = new Bm25Index();
        Map<Integer, List<String>> live = new HashMap<>();
        int next = 0;
        for (int step = 0; step < 300; step++) {
            if (live.isEmpty() || random.nextInt(4) > 0) {
                List<String> terms = randomTerms(random, 12);
                index.add(next, terms);
                live.put(next++, terms);
            } else {
                Integer doc = new ArrayList<>(live.keySet()).get(random.nextInt(live.size()));
                index.remove(doc, live.remove(doc));
            }
            if (live.isEmpty()) {
                continue;
            }
            List<String> query = new ArrayList<>(new LinkedHashSet<>(randomTerms(random, 6)));
            int k = 1 + random.nextInt(8);
            Set<Integer> refused = new HashSet<>(List.of(random.nextInt(next + 1), random.nextInt(next + 1)));
            for (int again = 0; again < 2; again++) { // the second time from the cached contributions
                List<Bm25Index.Hit> hits = index.top(query, k, doc -> !refused.contains(doc),
                        (a, b) -> Integer.compare(b, a));
                assertThat(hits).as("step %d, query %s, k %d", step, query, k)
                        .isEqualTo(plainTop(live, query, k, refused));
            }
        }
    }
}
