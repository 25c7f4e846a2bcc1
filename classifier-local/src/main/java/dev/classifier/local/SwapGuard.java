package dev.classifier.local;

import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Decides whether a {@link RefreshingClassifier} swaps a retrained model in: only if it is not worse than the
 * answering one on held-out feedback. A fixed slice of the articles, chosen by a hash of the article id, is kept
 * out of every model's training ({@link #fraction()} of them, at most {@link #maxRows()}, once there are
 * {@link #minRows()} rows); both models classify it, and the new one is refused if it gets more than the
 * {@link #tolerance()} (a share of the slice, at least one article) fewer right. Ties are accepted. The slices are
 * nested (a larger store holds out a smaller share of the same hash order), so a slice neither model trained on is
 * always there to judge on, except when the answering model was trained without one (the first model, one loaded
 * from disk, or one trained below {@code minRows}): then the new model is swapped in unjudged.
 *
 * <p>The cost: the slice's feedback teaches no model (a correction in it still applies where a correction overlay
 * applies it). {@link #off()} trains on everything and swaps every retrain in.
 *
 * @param fraction  the share of articles held out, in [0, 0.5]; 0 turns the guard off
 * @param maxRows   at most this many held out: large stores hold out a smaller share
 * @param minRows   below this many rows nothing is held out and nothing is judged
 * @param tolerance how much lower a new model's held-out accuracy may be, in [0, 1)
 */
public record SwapGuard(double fraction, int maxRows, int minRows, double tolerance) {

    /**
     * Checks the settings.
     *
     * @throws IllegalArgumentException if one is out of its range
     */
    public SwapGuard {
        if (!(fraction >= 0 && fraction <= 0.5)) {
            throw new IllegalArgumentException("held-out fraction must be in [0, 0.5], was " + fraction);
        }
        if (maxRows < 1 || minRows < 1) {
            throw new IllegalArgumentException("maxRows and minRows must be >= 1, were " + maxRows + ", " + minRows);
        }
        if (!(tolerance >= 0 && tolerance < 1)) {
            throw new IllegalArgumentException("tolerance must be in [0, 1), was " + tolerance);
        }
    }

    /** The default: 5% held out, at most 2,000 articles, from 1,000 rows up; 0.5 points of tolerance. */
    public static SwapGuard heldOut() {
        return new SwapGuard(0.05, 2_000, 1_000, 0.005);
    }

    /** No guard: every row is trained on and every retrained model swapped in. */
    public static SwapGuard off() {
        return new SwapGuard(0, 1, 1, 0);
    }

    /**
     * The share of the hash order held out at this many rows: 0 below {@link #minRows()}, else {@link #fraction()}
     * capped so that about {@link #maxRows()} are held out.
     */
    double sliceAt(int rows) {
        if (fraction == 0 || rows < minRows) {
            return 0;
        }
        return Math.min(fraction, (double) maxRows / rows);
    }

    /** Whether the article is in the held-out slice of this share: a fixed place in [0, 1) by its id's hash. */
    static boolean heldOut(String articleId, double slice) {
        return slice > 0 && placeOf(articleId) < slice;
    }

    /** A 64-bit FNV-1a hash of the id, mixed and mapped onto [0, 1): the same in every process and version. */
    static double placeOf(String articleId) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : articleId.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return (TextFeatures.mix(hash) >>> 11) * 0x1.0p-53;
    }

    /** Classifies the held-out rows with both models and compares how many each gets right. */
    Verdict judge(Classifier answering, Classifier candidate, List<LabeledArticle> heldOut) {
        int answeringRight = right(answering, heldOut);
        int candidateRight = right(candidate, heldOut);
        int allowed = Math.max(1, (int) Math.floor(tolerance * heldOut.size()));
        return new Verdict(heldOut.size(), answeringRight, candidateRight, allowed,
                candidateRight >= answeringRight - allowed);
    }

    private static int right(Classifier classifier, List<LabeledArticle> rows) {
        List<Outcome> outcomes = classifier.classifyAll(rows.stream().map(LabeledArticle::article).toList());
        int right = 0;
        for (int i = 0; i < rows.size(); i++) {
            String label = rows.get(i).label();
            right += outcomes.get(i).predictionIfAny().filter(p -> p.label().equals(label)).isPresent() ? 1 : 0;
        }
        return right;
    }

    /**
     * How a retrained model did against the answering one on the held-out slice.
     *
     * @param rows           held-out articles both classified
     * @param answeringRight how many the answering model got right
     * @param candidateRight how many the retrained model got right
     * @param allowedLoss    how many fewer it could get right and still be swapped in
     * @param accepted       whether it is swapped in
     */
    public record Verdict(int rows, int answeringRight, int candidateRight, int allowedLoss, boolean accepted) {

        /**
         * Checks the counts.
         *
         * @throws IllegalArgumentException if a count is negative or above the rows
         */
        public Verdict {
            if (rows < 0 || answeringRight < 0 || candidateRight < 0 || answeringRight > rows || candidateRight > rows
                    || allowedLoss < 0) {
                throw new IllegalArgumentException("inconsistent verdict counts");
            }
        }

        /** @return the answering model's held-out accuracy (NaN with no rows) */
        public double answeringAccuracy() {
            return rows == 0 ? Double.NaN : (double) answeringRight / rows;
        }

        /** @return the retrained model's held-out accuracy (NaN with no rows) */
        public double candidateAccuracy() {
            return rows == 0 ? Double.NaN : (double) candidateRight / rows;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d/%d right against %d/%d (%s, %d allowed fewer)", candidateRight, rows,
                    answeringRight, rows, accepted ? "accepted" : "refused", allowedLoss);
        }
    }
}
