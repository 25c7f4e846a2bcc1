package dev.classifier.embeddings.bench;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Label spreading (Zhou et al. 2004) for {@link LabelSpreadingCheck}: each article's nearest neighbours by cosine of
 * the unit vectors, weighted by the cosine, symmetrised (W + Wᵀ) and normalised (D^-1/2 W D^-1/2);
 * F ← αSF + (1-α)Y.
 */
final class SpreadingGraph {

    static final int MAX_NEIGHBOURS = 30;
    static final int ITERATIONS = 40;

    private SpreadingGraph() {
    }

    /** Each article's first neighbours among those the graph keeps (none for the others). */
    record Graph(int[][] nearest, double[][] cosines) {
        static Graph of(int[][] nearest, double[][] cosines, int neighbours, IntPredicate kept) {
            int n = nearest.length;
            int[][] keptNearest = new int[n][];
            double[][] keptCosines = new double[n][];
            for (int i = 0; i < n; i++) {
                int[] picked = new int[neighbours];
                int count = 0;
                for (int m = 0; m < nearest[i].length && count < neighbours && kept.test(i); m++) {
                    if (kept.test(nearest[i][m])) {
                        picked[count++] = m;
                    }
                }
                int[] rowNearest = new int[count];
                double[] rowCosines = new double[count];
                for (int c = 0; c < count; c++) {
                    rowNearest[c] = nearest[i][picked[c]];
                    rowCosines[c] = cosines[i][picked[c]];
                }
                keptNearest[i] = rowNearest;
                keptCosines[i] = rowCosines;
            }
            return new Graph(keptNearest, keptCosines);
        }
    }


    /** F ← αSF + (1-α)Y, Y one-hot on the labelled rows. */
    static double[][] spread(double[][] s, int[][] nearest, int[] seed, int classes, double alpha) {
        int n = seed.length;
        double[][] f = new double[n][classes];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] next = new double[n][classes];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < nearest[i].length; m++) {
                    int j = nearest[i][m];
                    double w = alpha * s[i][m];
                    for (int c = 0; c < classes; c++) { // W + Wᵀ: i's edge to j feeds both ways
                        next[i][c] += w * f[j][c];
                        next[j][c] += w * f[i][c];
                    }
                }
                if (seed[i] >= 0) {
                    next[i][seed[i]] += 1 - alpha;
                }
            }
            f = next;
        }
        return f;
    }

    /** Edge weights cos / sqrt(d_i d_j), with d the degrees of W + Wᵀ. */
    static double[][] normalisedGraph(int[][] nearest, double[][] cosines) {
        int n = nearest.length;
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < nearest[i].length; m++) {
                degree[i] += cosines[i][m];
                degree[nearest[i][m]] += cosines[i][m];
            }
        }
        double[][] s = new double[n][];
        for (int i = 0; i < n; i++) {
            s[i] = new double[nearest[i].length];
            for (int m = 0; m < nearest[i].length; m++) {
                s[i][m] = cosines[i][m] / Math.sqrt(degree[i] * degree[nearest[i][m]]);
            }
        }
        return s;
    }

    /** The MAX_NEIGHBOURS nearest other articles of article i by cosine, nearest first (cosines kept ≥ 0). */
    static void nearestOf(float[][] unit, float[] query, int self, int i, int[][] nearest, double[][] cosines) {
        int[] best = new int[MAX_NEIGHBOURS];
        double[] bestCos = new double[MAX_NEIGHBOURS];
        Arrays.fill(bestCos, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < unit.length; j++) {
            if (j == self) {
                continue;
            }
            double cos = 0;
            for (int t = 0; t < query.length; t++) {
                cos += query[t] * unit[j][t];
            }
            if (cos > bestCos[MAX_NEIGHBOURS - 1]) {
                int at = MAX_NEIGHBOURS - 1;
                while (at > 0 && bestCos[at - 1] < cos) {
                    bestCos[at] = bestCos[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                bestCos[at] = cos;
                best[at] = j;
            }
        }
        nearest[i] = best;
        cosines[i] = Arrays.stream(bestCos).map(c -> Math.max(c, 1e-6)).toArray();
    }

    static float[] unit(float[] v) {
        double norm = Math.sqrt(PrototypeTextCheck.dot(v, v));
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) (v[j] / norm);
        }
        return out;
    }
}
