package dev.classifier.embeddings;

import java.util.List;

/** Held-out accuracy and log loss of candidate settings, and the choice among them with hysteresis. */
final class Scores {

    private Scores() {
    }

    static double accuracy(List<double[]> logits, int[] truth) {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (EmbeddingTrainer.argmax(logits.get(i)) == truth[i]) {
                correct++;
            }
        }
        return truth.length == 0 ? 0 : (double) correct / truth.length;
    }

    /** Log loss at the temperature that minimises it: how well the scores rank the truth, whatever their scale. */
    static double calibratedLogLoss(List<double[]> logits, int[] truth) {
        return Calibration.logLoss(logits, truth, Calibration.fitTemperature(logits, truth));
    }

    /**
     * The best candidate: highest held-out accuracy, then lowest calibrated log loss. With {@code baselineFirst}
     * candidate 0 is the baseline (no pool, no companion) and another replaces it only with strictly higher
     * accuracy. An earlier choice ({@code kept} >= 0) stays unless the best beats it by more than {@code margin}.
     */
    static int pick(List<List<double[]>> candidates, int[] truth, int kept, double margin, boolean baselineFirst) {
        double[] accuracy = new double[candidates.size()];
        double[] loss = new double[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            accuracy[c] = accuracy(candidates.get(c), truth);
            loss[c] = calibratedLogLoss(candidates.get(c), truth);
        }
        int best = 0;
        for (int c = 1; c < candidates.size(); c++) {
            boolean better = accuracy[c] > accuracy[best] || (accuracy[c] == accuracy[best] && loss[c] < loss[best]);
            if (baselineFirst && best == 0) {
                better = accuracy[c] > accuracy[0];
            }
            if (better) {
                best = c;
            }
        }
        if (kept >= 0 && accuracy[best] - accuracy[kept] <= margin) {
            return kept;
        }
        return best;
    }
}
