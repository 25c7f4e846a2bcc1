package dev.classifier.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * How well the top label's confidence matches how often it is right: the expected calibration error (ECE)
 * over equal-width bins, ECE = sum over bins of (bin count / measured) * |bin accuracy - bin mean confidence|.
 * Bins are [k/B, (k+1)/B), the last one closed at 1. Predictions with a NaN confidence are left out and counted;
 * failures have no confidence and are not counted here.
 *
 * @param ece            the expected calibration error, NaN when no prediction had a confidence
 * @param bins           every bin, empty ones included
 * @param measured       predictions with a confidence
 * @param nanConfidences predictions whose confidence was NaN
 */
public record Calibration(double ece, List<Bin> bins, int measured, int nanConfidences) {

    public static final int DEFAULT_BINS = 10;

    public Calibration {
        bins = List.copyOf(bins);
    }

    /**
     * @param count          predictions whose confidence fell in [lower, upper)
     * @param accuracy       share of them that were right, NaN when the bin is empty
     * @param meanConfidence their mean confidence, NaN when the bin is empty
     */
    public record Bin(double lower, double upper, int count, double accuracy, double meanConfidence) {
    }

    /** Calibration over {@value #DEFAULT_BINS} bins. */
    public static Calibration of(List<Double> confidences, List<Boolean> correct) {
        return of(confidences, correct, DEFAULT_BINS);
    }

    /**
     * @param confidences the top label's confidence of each prediction (NaN allowed)
     * @param correct     whether each prediction was right
     */
    public static Calibration of(List<Double> confidences, List<Boolean> correct, int binCount) {
        if (confidences.size() != correct.size()) {
            throw new IllegalArgumentException(confidences.size() + " confidences but " + correct.size() + " outcomes");
        }
        if (binCount < 1) {
            throw new IllegalArgumentException("bin count must be at least 1, was " + binCount);
        }
        int[] counts = new int[binCount];
        int[] rights = new int[binCount];
        double[] confidenceSums = new double[binCount];
        int nan = 0;
        for (int i = 0; i < confidences.size(); i++) {
            double confidence = confidences.get(i);
            if (Double.isNaN(confidence)) {
                nan++;
                continue;
            }
            int bin = Math.min(binCount - 1, (int) Math.floor(confidence * binCount));
            counts[bin]++;
            confidenceSums[bin] += confidence;
            if (correct.get(i)) {
                rights[bin]++;
            }
        }
        int measured = confidences.size() - nan;
        List<Bin> bins = new ArrayList<>(binCount);
        double ece = 0.0;
        for (int b = 0; b < binCount; b++) {
            double accuracy = counts[b] == 0 ? Double.NaN : (double) rights[b] / counts[b];
            double meanConfidence = counts[b] == 0 ? Double.NaN : confidenceSums[b] / counts[b];
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, counts[b], accuracy, meanConfidence));
            if (counts[b] > 0) {
                ece += (double) counts[b] / measured * Math.abs(accuracy - meanConfidence);
            }
        }
        return new Calibration(measured == 0 ? Double.NaN : ece, bins, measured, nan);
    }
}
