package dev.classifier.embeddings;

import java.util.List;

/**
 * Class probabilities as a softmax of linear scores: {@code p = softmax((W x + b) / temperature)}. Nearest
 * centroid (rows of W are unit centroids, b = 0) and logistic regression both take this form, so one prediction
 * path serves both; the temperature is what calibration fits.
 */
record LinearModel(List<String> labels, double[][] weights, double[] bias, double temperature) {

    LinearModel {
        labels = List.copyOf(labels);
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("weights, bias and labels disagree on the class count");
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
        }
    }

    LinearModel withTemperature(double newTemperature) {
        return new LinearModel(labels, weights, bias, newTemperature);
    }

    /** Scores before the temperature: one per class. */
    double[] logits(float[] x) {
        double[] z = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            z[k] = bias[k] + dot(weights[k], x);
        }
        return z;
    }

    double[] probabilities(float[] x) {
        return softmax(logits(x), temperature);
    }

    static double dot(double[] w, float[] x) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (; i + 1 < x.length; i += 2) {
            s0 += w[i] * x[i];
            s1 += w[i + 1] * x[i + 1];
        }
        if (i < x.length) {
            s0 += w[i] * x[i];
        }
        return s0 + s1;
    }

    /** Numerically stable softmax of {@code z / temperature}. */
    static double[] softmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp((z[k] - max) / temperature);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }
}
