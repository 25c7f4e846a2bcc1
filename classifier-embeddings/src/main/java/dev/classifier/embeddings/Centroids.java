package dev.classifier.embeddings;

import java.util.List;

/** Nearest centroid: each class is the normalised mean of its unit vectors; a score is a cosine. */
final class Centroids {

    private Centroids() {
    }

    /** A model whose logits are the cosines to each class's centroid (temperature 1 until calibrated). */
    static LinearModel fit(List<String> labels, float[][] x, int[] y) {
        int classes = labels.size();
        int d = x[0].length;
        double[][] sums = new double[classes][d];
        for (int i = 0; i < x.length; i++) {
            double[] sum = sums[y[i]];
            for (int j = 0; j < d; j++) {
                sum[j] += x[i][j];
            }
        }
        for (double[] sum : sums) {
            double norm = 0;
            for (double v : sum) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0) {
                for (int j = 0; j < d; j++) {
                    sum[j] /= norm;
                }
            }
        }
        return new LinearModel(labels, sums, new double[classes], 1.0);
    }
}
