package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The past corrections most like an article, by the cosine of their term sets weighted by inverse document
 * frequency ({@link TextTokens}: words, and character pairs for Chinese). An inverted index, so a look-up reads only
 * the corrections that share a term with the article. Not thread-safe: its owner serialises access.
 */
final class SimilarCorrections {

    /** A past correction and how like the article it is, in (0, 1]. */
    record Match(Feedback correction, double score) {
        Match {
            Objects.requireNonNull(correction, "correction");
        }
    }

    private final Map<String, Feedback> byId = new HashMap<>();
    private final Map<String, Set<String>> termsById = new HashMap<>();
    private final Map<String, Set<String>> idsByTerm = new HashMap<>();
    private final Map<String, CachedNorm> norms = new HashMap<>();

    private record CachedNorm(double norm, int size) {
    }

    /** How many of the corrections sharing the most weight with an article get their cosine worked out. */
    static final int SHORTLIST = 64;

    void add(Feedback correction) {
        remove(correction.id());
        Set<String> terms = TextTokens.of(correction.article().text());
        if (terms.isEmpty()) {
            return;
        }
        byId.put(correction.id(), correction);
        termsById.put(correction.id(), terms);
        for (String term : terms) {
            idsByTerm.computeIfAbsent(term, t -> new HashSet<>()).add(correction.id());
        }
    }

    void remove(String feedbackId) {
        Set<String> terms = termsById.remove(feedbackId);
        byId.remove(feedbackId);
        norms.remove(feedbackId);
        if (terms == null) {
            return;
        }
        for (String term : terms) {
            Set<String> ids = idsByTerm.get(term);
            ids.remove(feedbackId);
            if (ids.isEmpty()) {
                idsByTerm.remove(term);
            }
        }
    }

    int size() {
        return byId.size();
    }

    /**
     * The corrections most like the article, best first; the article's own corrections left out.
     *
     * @param article the article under review
     * @param limit   at most this many
     * @param minimum the lowest score worth showing
     */
    List<Match> like(Article article, int limit, double minimum) {
        Set<String> query = TextTokens.of(article.text());
        Map<String, Double> dot = new HashMap<>();
        double queryNorm = 0;
        for (String term : query) {
            Set<String> ids = idsByTerm.get(term);
            double idf = idf(ids == null ? 0 : ids.size());
            queryNorm += idf * idf;
            // A term in most corrections ("the", "的一") weighs next to nothing and would make the look-up read them all.
            if (ids != null && ids.size() <= Math.max(200, byId.size() / 5)) {
                for (String id : ids) {
                    dot.merge(id, idf * idf, Double::sum);
                }
            }
        }
        if (dot.isEmpty()) {
            return List.of();
        }
        // Only the corrections sharing the most weight with the article can score highest: the cosine is worked
        // out for those, so a look-up stays cheap when thousands of corrections share a term or two with it.
        List<Map.Entry<String, Double>> best = new ArrayList<>(dot.entrySet());
        best.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<Match> matches = new ArrayList<>();
        for (Map.Entry<String, Double> e : best.subList(0, Math.min(SHORTLIST, best.size()))) {
            Feedback correction = byId.get(e.getKey());
            if (correction.article().id().equals(article.id())) {
                continue;
            }
            double score = e.getValue() / Math.sqrt(queryNorm * norm(e.getKey()));
            if (score >= minimum) {
                matches.add(new Match(correction, Math.min(1.0, score)));
            }
        }
        matches.sort(Comparator.comparingDouble(Match::score).reversed()
                .thenComparing(m -> m.correction().id()));
        return matches.size() > limit ? List.copyOf(matches.subList(0, limit)) : List.copyOf(matches);
    }

    /**
     * A correction's squared length under the current weights, kept until the number of corrections has changed by
     * a tenth (the weights move little before that).
     */
    private double norm(String id) {
        CachedNorm cached = norms.get(id);
        if (cached != null && Math.abs(cached.size() - byId.size()) * 10 <= byId.size()) {
            return cached.norm();
        }
        double norm = norm(termsById.get(id));
        norms.put(id, new CachedNorm(norm, byId.size()));
        return norm;
    }

    private double norm(Set<String> terms) {
        double sum = 0;
        for (String term : terms) {
            double idf = idf(idsByTerm.get(term).size());
            sum += idf * idf;
        }
        return sum;
    }

    private double idf(int documentFrequency) {
        return Math.log(1.0 + (byId.size() + 1.0) / (documentFrequency + 1.0));
    }
}
