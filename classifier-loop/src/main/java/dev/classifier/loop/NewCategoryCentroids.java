package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Gives a label the wrapped model does not know (a category added since it was trained) to the articles that are
 * clearly more like the corrections to it than like the feedback of the label the model predicted. A rule is about
 * a keyword; a category is about a topic, so this compares whole texts: a centroid classifier over the feedback's
 * term vectors (binary {@link TextSignals} terms weighted by inverse document frequency over the live feedback),
 * the new label's centroid (the feedback with it: its corrections) against the predicted label's (every live
 * feedback with that label).
 *
 * <p>How clear is clear enough is measured on the store's own background, not set by hand: each feedback with the
 * predicted label is scored the same way, its cosine to the new label's centroid against its cosine to its own
 * label's centroid left without it; an article takes the new label only if its excess is above all but the given
 * share of theirs (and above 0). So at most about that share of the articles the model rightly gives that label
 * would move, label by label. Few corrections make a sparse centroid that few articles
 * come near, so the new label spreads as corrections accumulate. The match names the correction nearest the
 * article. Off for every label the model knows, so a retrain that learns the label stops it. Holds no text; the
 * centroids' norms and the thresholds are cached per state of the index. Thread-safe for concurrent look-ups under
 * {@link CorrectionState}'s read lock.
 */
final class NewCategoryCentroids {

    /** A new label needs at least this many corrections before any other article may take it. */
    static final int MIN_CORRECTIONS = RuleLearner.MIN_SUPPORT;
    /** At most this many feedback of a label are scored to set its threshold (an even sample beyond). */
    static final int MAX_CALIBRATION_ROWS = 4_000;

    private final double backgroundShare;
    private long cachedVersion = -1;
    private double[] squaredNorms = new double[0];
    private final Map<String, Double> thresholds = new HashMap<>();

    /** @param backgroundShare the share of the background feedback whose excess an article must not fall below */
    NewCategoryCentroids(double backgroundShare) {
        this.backgroundShare = backgroundShare;
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
        if (terms.length == 0 || !index.inTaxonomy(predicted) || index.labelTotal(predicted) == 0) {
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
        double[] norms = squaredNorms(index);
        double predictedCosine = cosine(index, terms, predicted, norms, false);
        String best = null;
        double bestExcess = Double.NEGATIVE_INFINITY;
        double bestCosine = 0;
        for (String label : candidates) {
            double cosine = cosine(index, terms, label, norms, false);
            double excess = cosine - predictedCosine;
            if (cosine > 0 && excess > 0 && excess > threshold(index, label, predicted) && excess > bestExcess) {
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
        String why = String.format(Locale.ROOT, "%d corrections to the new category '%s' are nearer than the "
                        + "feedback to '%s' (cosine %.2f against %.2f); the nearest is followed",
                index.correctionsTo(best).size(), best, predicted, bestCosine, predictedCosine);
        return Optional.of(new CorrectionMatch(best, nearest.id(), nearest.sequence(), confidence, why));
    }

    /**
     * The cosine of a binary, IDF-weighted term vector with a label's centroid; {@code leaveOut} takes the vector's
     * own feedback out of the centroid first (it is one of the label's).
     */
    private static double cosine(FeedbackIndex index, long[] terms, String label, double[] norms, boolean leaveOut) {
        int at = index.labelPosition(label);
        if (at < 0) {
            return 0;
        }
        double dot = 0;
        double squaredNorm = norms[at];
        double articleSquared = 0;
        int own = leaveOut ? 1 : 0;
        for (long term : terms) {
            double idf = index.idf(term);
            double w = idf * idf;
            int count = index.termCount(term, label);
            articleSquared += w;
            dot += w * (count - own);
            squaredNorm += leaveOut ? w * (1 - 2.0 * count) : 0;
        }
        return dot <= 0 || squaredNorm <= 0 ? 0 : dot / Math.sqrt(articleSquared * squaredNorm);
    }

    /** Each label's centroid's squared norm, and no thresholds: recomputed once per change of the index. */
    private synchronized double[] squaredNorms(FeedbackIndex index) {
        refresh(index);
        return squaredNorms;
    }

    /**
     * The excess an article the model gives {@code predicted} must be above: the excesses of the feedback with that
     * label, highest first, at the position the share allows above it (so at most that share of them would move).
     */
    private synchronized double threshold(FeedbackIndex index, String label, String predicted) {
        refresh(index);
        return thresholds.computeIfAbsent(label + '\u0000' + predicted, k -> calibrate(index, label, predicted));
    }

    private void refresh(FeedbackIndex index) {
        if (cachedVersion != index.version()) {
            squaredNorms = index.squaredCentroidNorms();
            thresholds.clear();
            cachedVersion = index.version();
        }
    }

    private double calibrate(FeedbackIndex index, String label, String predicted) {
        List<Known> background = new ArrayList<>();
        for (Known known : index.live()) {
            if (known.label().equals(predicted)) {
                background.add(known);
            }
        }
        int stride = Math.max(1, (background.size() + MAX_CALIBRATION_ROWS - 1) / MAX_CALIBRATION_ROWS);
        double[] excess = new double[(background.size() + stride - 1) / stride];
        int n = 0;
        background.sort((a, b) -> Long.compare(a.sequence(), b.sequence())); // an even sample, the same every time
        for (int i = 0; i < background.size(); i += stride) {
            Known row = background.get(i);
            excess[n++] = cosine(index, row.terms(), label, squaredNorms, false)
                    - cosine(index, row.terms(), row.label(), squaredNorms, true);
        }
        if (n == 0) {
            return 0;
        }
        Arrays.sort(excess, 0, n);
        int allowed = (int) Math.floor(backgroundShare * n);
        return allowed >= n ? Double.NEGATIVE_INFINITY : excess[n - 1 - allowed];
    }

    /** The correction to a label whose article shares the most IDF weight with the article, per term held. */
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
