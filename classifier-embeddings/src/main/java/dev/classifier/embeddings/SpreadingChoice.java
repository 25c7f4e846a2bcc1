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

    /**
     * Log losses closer than this are a tie, which the earlier choice in the grid wins: the same graph scaled (a
     * wording that shares nothing) rounds to a loss a few ulps away.
     */
    static final double TIE = 1e-9;

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
     * The wording's shares of the graph's similarity tried: the cosine alone, and the default blend with the
     * wording ({@link Wording#WEIGHT}), which gained on Chinese headlines and not on English news (session 10, the
     * embeddings README).
     */
    static final List<Double> WORDINGS = List.of(0.0, Wording.WEIGHT);

    /**
     * @param graph           the examples' rows first (row i is example i), then the pool's
     * @param y               the examples' classes
     * @param previousWeight  the weight to keep unless another is more accurate by more than the margin, or NaN
     * @param previousWording the wording's share kept with it
     * @return the weight and the wording's share chosen, and their held-out accuracy
     */
    static Choice choose(SpreadingRows graph, int[] y, int classes, HeldOut heldOut, double previousWeight,
                         double previousWording) {
        List<Choice> tried = new ArrayList<>();
        List<List<double[]>> blends = new ArrayList<>();
        int[] expected = null;
        for (double wording : WORDINGS) {
            HeldOutSpread spread = spread(graph.candidates(wording > 0), y, classes, heldOut);
            expected = spread.truth();
            for (double weight : WEIGHTS) {
                List<double[]> logits = new ArrayList<>();
                for (int i = 0; i < expected.length; i++) {
                    // Log-probabilities, so that the calibrated log loss that chooses reads the blend as it is.
                    double[] p = LabelSpreading.geometricBlend(heldOut.probabilities().get(i), spread.scores().get(i),
                            weight);
                    logits.add(Arrays.stream(p).map(v -> Math.log(Math.max(v, 1e-12))).toArray());
                }
                blends.add(logits);
                tried.add(new Choice(weight, weight > 0 ? wording : 0, Scores.accuracy(logits, expected)));
            }
        }
        int best = 0;
        double bestLoss = Scores.calibratedLogLoss(blends.get(0), expected);
        for (int c = 1; c < blends.size(); c++) {
            double loss = Scores.calibratedLogLoss(blends.get(c), expected);
            if (loss < bestLoss - TIE) {
                best = c;
                bestLoss = loss;
            }
        }
        // An earlier choice stays unless the new one is more accurate by more than the margin, as other settings do.
        double margin = Math.max(HeldOutSearch.MARGIN, 1.5 / Math.max(1, expected.length));
        int kept = -1; // NaN, no earlier choice, matches none
        for (int c = 0; c < tried.size() && kept < 0; c++) {
            if (tried.get(c).weight() == previousWeight && tried.get(c).wording() == previousWording) {
                kept = c;
            }
        }
        if (kept >= 0 && tried.get(best).accuracy() - tried.get(kept).accuracy() <= margin) {
            best = kept;
        }
        return tried.get(best);
    }

    /** Each fold's held-out rows scored through their nearest graph rows, the labels spread from its other rows. */
    private static HeldOutSpread spread(LabelSpreading.Candidates candidates, int[] y, int classes, HeldOut heldOut) {
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
                spreadScores.add(LabelSpreading.throughNeighbours(candidates.nearest()[i], candidates.similarities()[i],
                        inGraph, spread, classes));
                truth.add(y[i]);
            }
        }
        return new HeldOutSpread(spreadScores, truth.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The held-out rows' spread scores, and their classes, in the order of the folds. */
    private record HeldOutSpread(List<double[]> scores, int[] truth) {
    }

    /** A weight, the wording's share of the graph's similarity (0 with weight 0), and their held-out accuracy. */
    record Choice(double weight, double wording, double accuracy) {
    }
}
