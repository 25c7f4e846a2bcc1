package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses label spreading's blend weight on held-out folds, after the other settings: each fold spreads the labels
 * of its training rows over the graph of those rows and the pool (its held-out rows left out), scores each held-out
 * row through its nearest graph rows, as a new article is scored, and blends that with the held-out probabilities
 * of the settings already chosen, in log space ({@link LabelSpreading#geometricBlend}). The weight with the lowest
 * calibrated log loss on the held-out rows is taken (0, no spreading, on a tie): accuracy moves by whole examples,
 * one of 128 at 32 per class for four classes, so most weights tie on it and the folds saw too little to take
 * spreading where the pool's gold labels say it pays.
 */
final class SpreadingChoice {

    /**
     * The blend weights tried; 0 leaves spreading out. The log loss tells apart weights a tenth apart, where
     * accuracy cannot (session 9: a grid of quarters left gains on the pool's gold labels).
     */
    static final List<Double> WEIGHTS = List.of(0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);

    private SpreadingChoice() {
    }

    /**
     * The chosen settings' probabilities on held-out examples.
     *
     * @param tests         each fold's held-out examples (row numbers), in the order of {@code probabilities}
     * @param probabilities each held-out example's class probabilities under the chosen settings
     */
    record HeldOut(List<List<Integer>> tests, List<double[]> probabilities) {

        /** Held-out probabilities from scores: a softmax of each at the temperature. */
        static HeldOut of(List<List<Integer>> tests, List<double[]> logits, double temperature) {
            return new HeldOut(tests, logits.stream().map(z -> LinearModel.softmax(z, temperature)).toList());
        }
    }

    /**
     * @param candidates the nearest rows of every row: the examples first (row i is example i), then the pool
     * @param y          the examples' classes
     * @param previous   the weight to keep unless another is more accurate by more than the margin, or NaN
     * @return the weight chosen and its held-out accuracy
     */
    static Choice choose(LabelSpreading.Candidates candidates, int[] y, int classes, HeldOut heldOut,
                         double previous) {
        int rows = candidates.nearest().length;
        List<double[]> spreadScores = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (List<Integer> test : heldOut.tests()) {
            boolean[] inGraph = new boolean[rows];
            Arrays.fill(inGraph, true);
            test.forEach(i -> inGraph[i] = false);
            int[] seed = new int[rows];
            Arrays.fill(seed, -1);
            for (int i = 0; i < y.length; i++) {
                seed[i] = inGraph[i] ? y[i] : -1;
            }
            double[][] spread = LabelSpreading.spread(candidates, inGraph, seed, classes);
            for (int i : test) {
                spreadScores.add(LabelSpreading.throughNeighbours(candidates.nearest()[i], candidates.cosines()[i],
                        inGraph, spread, classes));
                truth.add(y[i]);
            }
        }
        int[] expected = truth.stream().mapToInt(Integer::intValue).toArray();
        List<List<double[]>> blends = new ArrayList<>();
        for (double weight : WEIGHTS) {
            List<double[]> logits = new ArrayList<>();
            for (int i = 0; i < expected.length; i++) {
                // Log-probabilities, so that the calibrated log loss that chooses reads the blend as it is.
                double[] p = LabelSpreading.geometricBlend(heldOut.probabilities().get(i), spreadScores.get(i),
                        weight);
                logits.add(Arrays.stream(p).map(v -> Math.log(Math.max(v, 1e-12))).toArray());
            }
            blends.add(logits);
        }
        int best = 0;
        double bestLoss = Scores.calibratedLogLoss(blends.get(0), expected);
        for (int w = 1; w < blends.size(); w++) {
            double loss = Scores.calibratedLogLoss(blends.get(w), expected);
            if (loss < bestLoss) {
                best = w;
                bestLoss = loss;
            }
        }
        // An earlier weight stays unless the new one is more accurate by more than the margin, as other settings do.
        double margin = Math.max(HeldOutSearch.MARGIN, 1.5 / Math.max(1, expected.length));
        int kept = Double.isNaN(previous) ? -1 : WEIGHTS.indexOf(previous);
        if (kept >= 0 && Scores.accuracy(blends.get(best), expected)
                - Scores.accuracy(blends.get(kept), expected) <= margin) {
            best = kept;
        }
        return new Choice(WEIGHTS.get(best), Scores.accuracy(blends.get(best), expected));
    }

    /** A weight and its held-out accuracy. */
    record Choice(double weight, double accuracy) {
    }
}
