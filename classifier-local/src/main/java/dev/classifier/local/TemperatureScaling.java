package dev.classifier.local;

/**
 * Turns a linear model's class margins into calibrated probabilities: {@code softmax(margins / T)}, with the one
 * temperature {@code T} that minimises the log-loss of held-out (cross-validated) margins. One parameter cannot
 * overfit a few dozen examples, and it keeps the ranking of the classes, so accuracy is unchanged.
 */
final class TemperatureScaling {

    /** Inverse temperatures are searched in this range; the upper end caps confidence on separable data. */
    static final double MIN_BETA = 0.05;
    static final double MAX_BETA = 200.0;

    private TemperatureScaling() {
    }

    /**
     * The inverse temperature {@code 1/T} minimising the log-loss of these margins.
     *
     * @param margins one row of class margins per example
     * @param labels  the true class of each example
     */
    static double fitInverseTemperature(double[][] margins, int[] labels) {
        // The log-loss is convex in beta, so its derivative is increasing: bisect on its sign (in log space).
        double lo = Math.log(MIN_BETA);
        double hi = Math.log(MAX_BETA);
        if (derivative(margins, labels, Math.exp(hi)) <= 0) {
            return MAX_BETA;
        }
        if (derivative(margins, labels, Math.exp(lo)) >= 0) {
            return MIN_BETA;
        }
        for (int iteration = 0; iteration < 60; iteration++) {
            double mid = 0.5 * (lo + hi);
            if (derivative(margins, labels, Math.exp(mid)) > 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return Math.exp(0.5 * (lo + hi));
    }

    /** d/dbeta of the summed log-loss: expected margin under softmax(beta m) minus the true class's margin. */
    private static double derivative(double[][] margins, int[] labels, double beta) {
        double sum = 0;
        double[] p = new double[margins.length == 0 ? 0 : margins[0].length];
        for (int i = 0; i < margins.length; i++) {
            double[] m = margins[i];
            softmax(m, beta, p);
            double expected = 0;
            for (int c = 0; c < m.length; c++) {
                expected += p[c] * m[c];
            }
            sum += expected - m[labels[i]];
        }
        return sum;
    }

    /** {@code out = softmax(beta * margins)}, computed stably. */
    static void softmax(double[] margins, double beta, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (double m : margins) {
            max = Math.max(max, m);
        }
        double total = 0;
        for (int c = 0; c < margins.length; c++) {
            out[c] = Math.exp(beta * (margins[c] - max));
            total += out[c];
        }
        for (int c = 0; c < margins.length; c++) {
            out[c] /= total;
        }
    }

    /**
     * Expected calibration error: the gap between confidence and accuracy, averaged over equal-width confidence
     * bins weighted by how many predictions fall in each.
     */
    static double expectedCalibrationError(double[] confidence, boolean[] correct, int bins) {
        double[] confidenceSum = new double[bins];
        int[] right = new int[bins];
        int[] count = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int bin = Math.min(bins - 1, (int) (confidence[i] * bins));
            confidenceSum[bin] += confidence[i];
            right[bin] += correct[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(confidenceSum[b] - right[b]) / confidence.length;
            }
        }
        return ece;
    }
}
