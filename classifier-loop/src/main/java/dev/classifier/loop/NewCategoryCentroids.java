package dev.classifier.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gives a label the wrapped model does not know (a category added since it was trained) to the articles that are
 * clearly more like the corrections to it than like the background feedback of the label the model predicted. A
 * rule is about a keyword; a category is about a topic, so this compares whole texts: a centroid classifier over
 * the feedback's term vectors (binary terms weighted by inverse document frequency over the live feedback, as
 * {@link TextSignals} reads them), the new label's centroid (its corrections) against the predicted label's
 * centroid (every live feedback with that label). The new label is given only when the article's cosine to its
 * centroid exceeds its cosine to the predicted label's by at least the margin: a few corrections make a sparse
 * centroid that few articles come near, so the evidence grows with the corrections. It says which correction it
 * followed: the one nearest the article. Off for every label the model knows, so a retrain that learns the label
 * stops it. Holds no text; the centroids' norms are cached per state of the index. Thread-safe for concurrent
 * look-ups under {@link CorrectionState}'s read lock.
 */
final class NewCategoryCentroids {

    /** A new label needs at least this many corrections before any other article may take it. */
    static final int MIN_CORRECTIONS = RuleLearner.MIN_SUPPORT;

    private final double margin;
    private long normsVersion = -1;
    private double[] squaredNorms = new double[0];

    /**
     * @param margin the least excess of the cosine to the new label's centroid over the cosine to the predicted
     *               label's; {@code Double.POSITIVE_INFINITY} turns the fallback off
     */
    NewCategoryCentroids(double margin) {
        this.margin = margin;
    }

    /**
     * The new label an article clearly belongs to, if any.
     *
     * @param index      the live feedback
     * @param terms      the article's term hashes, sorted
     * @param predicted  the label the wrapped model gave
     * @param modelKnows which labels the wrapped model can give (the fallback never gives those)
     * @return the match naming the nearest correction to the label, or empty
     */
    Optional<CorrectionMatch> match(FeedbackIndex index, long[] terms, String predicted, Predicate<String> modelKnows) {
        if (Double.isInfinite(margin) || terms.length == 0 || !index.inTaxonomy(predicted)
                || index.labelTotal(predicted) == 0) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>(1);
        for (String label : index.correctedLabels()) {
            if (!modelKnows.test(label) && !label.equals(predicted)
                    && index.correctionsTo(label).size() >= MIN_CORRECTIONS) {
                candidates.add(label);
            }
        }
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        double norm = articleNorm(index, terms);
        double[] norms = squaredNorms(index);
        double predictedCosine = cosine(index, terms, norm, predicted, norms);
        String best = null;
        double bestExcess = Double.NEGATIVE_INFINITY;
        double bestCosine = 0;
        for (String label : candidates) {
            double cosine = cosine(index, terms, norm, label, norms);
            double excess = cosine - predictedCosine;
            if (cosine > 0 && excess >= margin && excess > bestExcess) {
                best = label;
                bestExcess = excess;
                bestCosine = cosine;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        Known nearest = nearestCorrection(index, terms, best);
        double confidence = bestCosine / (bestCosine + Math.max(0, predictedCosine));
        String why = String.format(Locale.ROOT, "%d corrections to a new category '%s' are nearer than the feedback "
                        + "to '%s' (cosine %.2f against %.2f; nearest correction followed)",
                index.correctionsTo(best).size(), best, predicted, bestCosine, predictedCosine);
        return Optional.of(new CorrectionMatch(best, nearest.id(), nearest.sequence(), confidence, why));
    }

    /** The cosine of an article's binary, IDF-weighted term vector with a label's centroid. */
    private static double cosine(FeedbackIndex index, long[] terms, double articleNorm, String label, double[] norms) {
        int at = index.labelPosition(label);
        if (at < 0 || norms[at] == 0 || articleNorm == 0) {
            return 0;
        }
        double dot = 0;
        for (long term : terms) {
            int count = index.termCount(term, label);
            if (count > 0) {
                double idf = index.idf(term);
                dot += idf * idf * count;
            }
        }
        return dot / (articleNorm * Math.sqrt(norms[at]));
    }

    private static double articleNorm(FeedbackIndex index, long[] terms) {
        double sum = 0;
        for (long term : terms) {
            double idf = index.idf(term);
            sum += idf * idf;
        }
        return Math.sqrt(sum);
    }

    /** Each label's centroid's squared norm (unnormalised counts), recomputed once per change of the index. */
    private synchronized double[] squaredNorms(FeedbackIndex index) {
        if (normsVersion != index.version()) {
            squaredNorms = index.squaredCentroidNorms();
            normsVersion = index.version();
        }
        return squaredNorms;
    }

    /** The correction to a label whose article is nearest (IDF-weighted overlap over the longer term set). */
    private static Known nearestCorrection(FeedbackIndex index, long[] terms, String label) {
        Known nearest = null;
        double best = -1;
        for (Known correction : index.correctionsTo(label)) {
            double shared = 0;
            for (long term : correction.terms()) {
                if (TextSignals.contains(terms, term)) {
                    double idf = index.idf(term);
                    shared += idf * idf;
                }
            }
            double similarity = shared / Math.max(terms.length, correction.terms().length);
            if (similarity > best || similarity == best && correction.sequence() > nearest.sequence()) {
                nearest = correction;
                best = similarity;
            }
        }
        return nearest;
    }
}
