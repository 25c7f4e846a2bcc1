package dev.classifier.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The corrections by their shingles, to find those whose article is a near-duplicate of another text: candidates
 * share a shingle that few corrections have, then the exact Jaccard similarity of the two shingle sets decides.
 * Not thread-safe: {@link CorrectionState} guards it.
 */
final class NearDuplicates {

    /**
     * Shingles held by more corrections than this bring no candidates (they are common 3-grams such as " th"): a
     * near-duplicate shares most shingles, so it shares rarer ones too, and skipping these keeps a look-up cheap.
     */
    static final int COMMON = 48;

    /** A correction whose article is similar enough, and how similar. */
    record Match(Known correction, double similarity) {
    }

    private final Map<Long, List<Known>> postings = new HashMap<>();

    void add(Known correction) {
        for (long shingle : correction.shingles()) {
            postings.computeIfAbsent(shingle, s -> new ArrayList<>(2)).add(correction);
        }
    }

    void remove(Known correction) {
        for (long shingle : correction.shingles()) {
            List<Known> list = postings.get(shingle);
            if (list != null) {
                list.remove(correction);
                if (list.isEmpty()) {
                    postings.remove(shingle);
                }
            }
        }
    }

    /**
     * The newest correction whose article has at least the given similarity to a text.
     *
     * @param shingles      the text's shingles, sorted
     * @param minSimilarity the least Jaccard similarity, in (0,1]
     * @return the newest such correction, with its similarity; empty if none
     */
    Optional<Match> newest(long[] shingles, double minSimilarity) {
        if (postings.isEmpty()) {
            return Optional.empty();
        }
        Map<Known, Boolean> seen = new IdentityHashMap<>();
        Match best = null;
        for (long shingle : shingles) {
            List<Known> list = postings.get(shingle);
            if (list == null || list.size() > COMMON) {
                continue;
            }
            for (Known candidate : list) {
                if (seen.put(candidate, Boolean.TRUE) != null
                        || best != null && candidate.sequence() < best.correction().sequence()) {
                    continue;
                }
                double similarity = TextSignals.jaccard(shingles, candidate.shingles());
                if (similarity >= minSimilarity) {
                    best = new Match(candidate, similarity);
                }
            }
        }
        return Optional.ofNullable(best);
    }
}
