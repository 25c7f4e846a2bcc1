package dev.classifier.embeddings;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Multinomial logistic regression on unit vectors, minimised by L-BFGS, whose L2 penalty pulls the weights towards
 * the scaled centroids rather than towards zero. With few examples it stays near the centroid classifier (which
 * does best there); with many it moves away where the data says so. The loss is smooth and strongly convex, so the
 * optimum is unique and depends only on the data, not on a seed.
 */
final class SoftmaxRegression {

    private static final int HISTORY = 8;
    private static final double GRADIENT_TOLERANCE = 1e-5;

    private SoftmaxRegression() {
    }

    /**
     * @param prior      the model the penalty pulls towards (the centroids), times {@code priorScale}
     * @param l2         penalty on the distance of the weights from the prior (not the biases), per example
     */
    static LinearModel fitTowards(LinearModel prior, double priorScale, float[][] x, int[] y, double l2,
                                  int maxIterations) {
        int d = x[0].length;
        int classes = prior.labels().size();
        double[] start = new double[classes * (d + 1)];
        for (int k = 0; k < classes; k++) {
            for (int j = 0; j < d; j++) {
                start[k * (d + 1) + j] = prior.weights()[k][j] * priorScale;
            }
            start[k * (d + 1) + d] = prior.bias()[k] * priorScale;
        }
        Objective objective = new Objective(x, y, classes, l2, start.clone());
        double[] w = minimise(objective, start, maxIterations);
        double[][] weights = new double[classes][d];
        double[] bias = new double[classes];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(w, k * (d + 1), weights[k], 0, d);
            bias[k] = w[k * (d + 1) + d];
        }
        return new LinearModel(prior.labels(), weights, bias, 1.0);
    }

    /** Mean cross-entropy plus {@code l2/2 * |W - prior|^2}, with its gradient. Parameters: per class d weights, 1 bias. */
    static final class Objective {
        private final float[][] x;
        private final int[] y;
        private final int classes;
        private final double l2;
        private final int d;

        private final double[] prior;

        Objective(float[][] x, int[] y, int classes, double l2) {
            this(x, y, classes, l2, null);
        }

        /** @param prior weights the penalty pulls towards (same layout as the parameters), or null for zero */
        Objective(float[][] x, int[] y, int classes, double l2, double[] prior) {
            this.x = x;
            this.y = y;
            this.classes = classes;
            this.l2 = l2;
            this.d = x[0].length;
            this.prior = prior;
        }

        double valueAndGradient(double[] w, double[] gradient) {
            java.util.Arrays.fill(gradient, 0);
            double loss = 0;
            double[] z = new double[classes];
            int stride = d + 1;
            for (int i = 0; i < x.length; i++) {
                float[] row = x[i];
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    int base = k * stride;
                    double s = w[base + d];
                    for (int j = 0; j < d; j++) {
                        s += w[base + j] * row[j];
                    }
                    z[k] = s;
                    max = Math.max(max, s);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    z[k] = Math.exp(z[k] - max);
                    sum += z[k];
                }
                loss -= Math.log(z[y[i]] / sum);
                for (int k = 0; k < classes; k++) {
                    double r = z[k] / sum - (k == y[i] ? 1 : 0);
                    int base = k * stride;
                    for (int j = 0; j < d; j++) {
                        gradient[base + j] += r * row[j];
                    }
                    gradient[base + d] += r;
                }
            }
            double n = x.length;
            loss /= n;
            for (int p = 0; p < w.length; p++) {
                gradient[p] /= n;
            }
            for (int k = 0; k < classes; k++) {
                int base = k * stride;
                for (int j = 0; j < d; j++) {
                    double delta = prior == null ? w[base + j] : w[base + j] - prior[base + j];
                    loss += 0.5 * l2 * delta * delta;
                    gradient[base + j] += l2 * delta;
                }
            }
            return loss;
        }
    }

    /** L-BFGS with a backtracking (Armijo) line search. */
    static double[] minimise(Objective objective, double[] start, int maxIterations) {
        int size = start.length;
        double[] w = start.clone();
        double[] g = new double[size];
        double f = objective.valueAndGradient(w, g);
        Deque<double[]> sHistory = new ArrayDeque<>();
        Deque<double[]> yHistory = new ArrayDeque<>();
        Deque<Double> rhoHistory = new ArrayDeque<>();
        double[] next = new double[size];
        double[] nextG = new double[size];
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            if (maxAbs(g) < GRADIENT_TOLERANCE) {
                break;
            }
            double[] direction = direction(g, sHistory, yHistory, rhoHistory);
            double slope = dot(direction, g);
            if (slope >= 0) {
                // Not a descent direction (curvature pairs went stale): restart from steepest descent.
                sHistory.clear();
                yHistory.clear();
                rhoHistory.clear();
                for (int p = 0; p < size; p++) {
                    direction[p] = -g[p];
                }
                slope = dot(direction, g);
            }
            double step = iteration == 0 && sHistory.isEmpty() ? 1.0 / Math.max(1e-12, Math.sqrt(-slope)) : 1.0;
            double nextF = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 40; tries++) {
                for (int p = 0; p < size; p++) {
                    next[p] = w[p] + step * direction[p];
                }
                nextF = objective.valueAndGradient(next, nextG);
                if (nextF <= f + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] s = new double[size];
            double[] yv = new double[size];
            for (int p = 0; p < size; p++) {
                s[p] = next[p] - w[p];
                yv[p] = nextG[p] - g[p];
            }
            double sy = dot(s, yv);
            if (sy > 1e-12) {
                sHistory.addLast(s);
                yHistory.addLast(yv);
                rhoHistory.addLast(1.0 / sy);
                if (sHistory.size() > HISTORY) {
                    sHistory.removeFirst();
                    yHistory.removeFirst();
                    rhoHistory.removeFirst();
                }
            }
            double decrease = f - nextF;
            System.arraycopy(next, 0, w, 0, size);
            System.arraycopy(nextG, 0, g, 0, size);
            f = nextF;
            if (decrease < 1e-10 * Math.max(1, Math.abs(f))) {
                break;
            }
        }
        return w;
    }

    /** The two-loop recursion: minus the inverse-Hessian estimate times the gradient. */
    private static double[] direction(double[] g, Deque<double[]> sHistory, Deque<double[]> yHistory,
                                      Deque<Double> rhoHistory) {
        double[] q = g.clone();
        int m = sHistory.size();
        double[][] s = sHistory.toArray(new double[0][]);
        double[][] y = yHistory.toArray(new double[0][]);
        Double[] rho = rhoHistory.toArray(new Double[0]);
        double[] alpha = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], y[i], q);
        }
        if (m > 0) {
            double gamma = dot(s[m - 1], y[m - 1]) / dot(y[m - 1], y[m - 1]);
            for (int p = 0; p < q.length; p++) {
                q[p] *= gamma;
            }
        }
        for (int i = 0; i < m; i++) {
            double beta = rho[i] * dot(y[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        for (int p = 0; p < q.length; p++) {
            q[p] = -q[p];
        }
        return q;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double maxAbs(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        return max;
    }
}
