package dev.classifier.embeddings;

import java.util.List;

/** Fits the softmax temperature that minimises the log loss of held-out scores (temperature scaling). */
final class Calibration {

    static final double MIN_TEMPERATURE = 1e-3;
    static final double MAX_TEMPERATURE = 100;

    private Calibration() {
    }

    /** @param logits held-out scores, one array per example; {@code y} their true classes */
    static double fitTemperature(List<double[]> logits, int[] y) {
        // Golden-section search over log T: the log loss is unimodal in T for fixed logits.
        double lo = Math.log(MIN_TEMPERATURE);
        double hi = Math.log(MAX_TEMPERATURE);
        double ratio = (Math.sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo);
        double b = lo + ratio * (hi - lo);
        double fa = logLoss(logits, y, Math.exp(a));
        double fb = logLoss(logits, y, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - ratio * (hi - lo);
                fa = logLoss(logits, y, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + ratio * (hi - lo);
                fb = logLoss(logits, y, Math.exp(b));
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    static double logLoss(List<double[]> logits, int[] y, double temperature) {
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            double[] p = LinearModel.softmax(logits.get(i), temperature);
            loss -= Math.log(Math.max(1e-15, p[y[i]]));
        }
        return loss / y.length;
    }
}
