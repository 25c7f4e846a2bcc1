package dev.classifier.loop;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How typical each text is of the set it is ranked in (information density, Settles and Craven 2008): its mean
 * TF-IDF cosine to the other texts, over the same {@link Shingles} the diversity step compares, as a share of the
 * highest in the set. An outlier that is merely uncertain then waits behind an uncertain item that stands for many.
 */
final class Density {

    private Density() {
    }

    /**
     * The density share of each text, in [0,1], in the order given; all 1 when fewer than two texts or none shares
     * a shingle with another (nothing then tells them apart).
     *
     * @param shingles each text's distinct shingle hashes, sorted
     */
    static double[] shares(List<long[]> shingles) {
        int n = shingles.size();
        double[] share = new double[n];
        Map<Long, Integer> documentFrequency = new HashMap<>();
        for (long[] text : shingles) {
            for (long s : text) {
                documentFrequency.merge(s, 1, Integer::sum);
            }
        }
        // Each text as a unit TF-IDF vector; the sum of all of them gives every mean cosine in one pass.
        double[][] weights = new double[n][];
        Map<Long, Double> total = new HashMap<>();
        for (int i = 0; i < n; i++) {
            long[] text = shingles.get(i);
            double[] w = new double[text.length];
            double norm = 0;
            for (int t = 0; t < text.length; t++) {
                w[t] = Math.log((n + 1.0) / (documentFrequency.get(text[t]) + 1.0)) + 1.0;
                norm += w[t] * w[t];
            }
            for (int t = 0; t < text.length; t++) {
                w[t] /= Math.sqrt(norm);
                total.merge(text[t], w[t], Double::sum);
            }
            weights[i] = w;
        }
        double highest = 0;
        for (int i = 0; i < n; i++) {
            long[] text = shingles.get(i);
            double dot = 0;
            double self = 0;
            for (int t = 0; t < text.length; t++) {
                dot += weights[i][t] * total.get(text[t]);
                self += weights[i][t] * weights[i][t];
            }
            share[i] = n < 2 ? 0 : Math.max(0.0, (dot - self) / (n - 1));
            highest = Math.max(highest, share[i]);
        }
        if (highest <= 0) {
            Arrays.fill(share, 1.0);
            return share;
        }
        for (int i = 0; i < n; i++) {
            share[i] = Math.min(1.0, share[i] / highest);
        }
        return share;
    }
}
