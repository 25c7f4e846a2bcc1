package dev.classifier.embeddings;

import java.util.List;

/**
 * Nearest centroid: each class is the normalised sum of its unit vectors; a score is a cosine. A prior (the
 * classes' description prototypes) may join the sum with a weight counted in examples, so it matters while a
 * class has few examples and fades as it gets more; a class without examples is its prototype.
 */
final class Centroids {

    private Centroids() {
    }

    /** A model whose logits are the cosines to each class's centroid (temperature 1 until calibrated). */
    static LinearModel fit(List<String> labels, float[][] x, int[] y) {
        return fit(labels, x, y, null, 0);
    }

    /**
     * @param prior       one unit vector per class (class order), or null for none
     * @param priorWeight how many examples' worth each prototype adds to its class's sum
     */
    static LinearModel fit(List<String> labels, float[][] x, int[] y, float[][] prior, double priorWeight) {
        int classes = labels.size();
        int d = prior != null ? prior[0].length : x[0].length;
        double[][] sums = new double[classes][d];
        int[] counts = new int[classes];
        for (int i = 0; i < x.length; i++) {
            double[] sum = sums[y[i]];
            counts[y[i]]++;
            for (int j = 0; j < d; j++) {
                sum[j] += x[i][j];
            }
        }
        if (prior != null) {
            for (int k = 0; k < classes; k++) {
                double weight = counts[k] == 0 ? 1 : priorWeight;
                for (int j = 0; j < d; j++) {
                    sums[k][j] += weight * prior[k][j];
                }
            }
        }
        for (double[] sum : sums) {
            normalise(sum);
        }
        return new LinearModel(labels, sums, new double[classes], 1.0);
    }

    static void normalise(double[] v) {
        double norm = 0;
        for (double value : v) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= norm;
            }
        }
    }
}
