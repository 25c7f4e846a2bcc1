package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Review candidates from a pool of articles, least confident prediction first (an unknown confidence, NaN, counts as
 * the least). Predictions are kept while the classifier's model version stays the same, so asking again is cheap:
 * one classification of the pool's first article, to learn the version (mind it with a classifier that charges per
 * call); when the model changes (a retrained one answers) the pool is classified again.
 */
public final class LeastConfidenceFirst implements ReviewCandidates {

    static final String CODE = "least-confident";

    private final Classifier classifier;
    private final Map<String, Article> pool;
    private List<ReviewCandidate> ranked = List.of();
    private String rankedModel = "";

    private LeastConfidenceFirst(Classifier classifier, List<Article> articles) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        Map<String, Article> byId = new LinkedHashMap<>();
        for (Article article : articles) {
            if (byId.putIfAbsent(article.id(), article) != null) {
                throw new IllegalArgumentException("the review pool holds article id '" + article.id() + "' twice");
            }
        }
        this.pool = byId;
    }

    /**
     * Candidates from these articles.
     *
     * @param classifier the classifier whose predictions are reviewed
     * @param articles   the pool, each id once
     * @return the candidates
     */
    public static LeastConfidenceFirst of(Classifier classifier, List<Article> articles) {
        return new LeastConfidenceFirst(classifier, articles);
    }

    @Override
    public synchronized List<ReviewCandidate> next(int limit, Set<String> excluded) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        if (pool.isEmpty()) {
            return List.of();
        }
        rankIfModelChanged();
        List<ReviewCandidate> out = new ArrayList<>(Math.min(limit, ranked.size()));
        for (ReviewCandidate candidate : ranked) {
            if (!excluded.contains(candidate.article().id())) {
                out.add(candidate);
                if (out.size() == limit) {
                    break;
                }
            }
        }
        return out;
    }

    private void rankIfModelChanged() {
        Article first = pool.values().iterator().next();
        String model = classifier.classify(first).model();
        if (model.equals(rankedModel) && !ranked.isEmpty()) {
            return;
        }
        List<Article> articles = new ArrayList<>(pool.values());
        List<ReviewCandidate> all = new ArrayList<>(articles.size());
        for (Article article : articles) {
            all.add(candidate(article, classifier.classify(article)));
        }
        all.sort(Comparator.comparingDouble(c -> rankKey(c.prediction())));
        int rank = 0;
        List<ReviewCandidate> numbered = new ArrayList<>(all.size());
        for (ReviewCandidate c : all) {
            rank++;
            numbered.add(new ReviewCandidate(c.article(), c.prediction(), new ReviewCandidate.Why(CODE,
                    c.why().detail() + " (" + rank + "/" + all.size() + ")")));
        }
        ranked = List.copyOf(numbered);
        rankedModel = model;
    }

    private static ReviewCandidate candidate(Article article, Prediction prediction) {
        double c = prediction.confidence();
        String detail = Double.isNaN(c) ? "?" : String.format(Locale.ROOT, "%.2f", c);
        return new ReviewCandidate(article, prediction, new ReviewCandidate.Why(CODE, detail));
    }

    private static double rankKey(Prediction prediction) {
        double c = prediction.confidence();
        return Double.isNaN(c) ? -1 : c;
    }
}
