package dev.classifier.local.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Accuracy, macro-F1 and expected calibration error of predicted against true labels. */
public final class Metrics {

    private Metrics() {
    }

    public static double accuracy(List<String> truth, List<String> predicted) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(predicted.get(i))) {
                right++;
            }
        }
        return (double) right / truth.size();
    }

    /** The unweighted mean over the true labels of each label's F1. */
    public static double macroF1(List<String> truth, List<String> predicted) {
        Map<String, int[]> counts = new TreeMap<>(); // true positives, predicted, actual
        for (String label : truth) {
            counts.computeIfAbsent(label, l -> new int[3]);
        }
        for (int i = 0; i < truth.size(); i++) {
            counts.get(truth.get(i))[2]++;
            int[] p = counts.get(predicted.get(i));
            if (p != null) {
                p[1]++;
                if (truth.get(i).equals(predicted.get(i))) {
                    p[0]++;
                }
            }
        }
        double sum = 0;
        for (int[] c : counts.values()) {
            sum += c[0] == 0 ? 0 : 2.0 * c[0] / (c[1] + c[2]);
        }
        return sum / counts.size();
    }

    /** Expected calibration error over equal-width confidence bins, weighted by how many predictions each holds. */
    public static double expectedCalibrationError(double[] confidence, boolean[] correct, int bins) {
        double[] confidenceSum = new double[bins];
        int[] right = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int bin = Math.min(bins - 1, (int) (confidence[i] * bins));
            confidenceSum[bin] += confidence[i];
            right[bin] += correct[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            ece += Math.abs(confidenceSum[b] - right[b]) / confidence.length;
        }
        return ece;
    }
}
