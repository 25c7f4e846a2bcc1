package dev.classifier.loop;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Confident learning (Northcutt, Jiang and Chuang, "Confident Learning: Estimating Uncertainty in Dataset Labels",
 * JAIR 2021), pruning by noise rate: out-of-fold probabilities give each label a threshold (the mean probability of
 * that label over the rows that carry it); the rows whose probability of another label clears its threshold count
 * in a confident joint of given against likely label; calibrated to the label counts, each off-diagonal cell says
 * how many rows of that given label are likely another, and those with the largest margin for it are flagged.
 * A row the model predicts as its own label is never flagged.
 */
final class ConfidentLearning {

    /** A row whose label the rest of the data contradicts: the likely label and the margin for it. */
    record Issue(int row, int likely, double margin) {
    }

    private ConfidentLearning() {
    }

    /**
     * @param p     out-of-fold probabilities, one row per example, one column per label
     * @param given the label each row carries, a column index
     * @return the issues, largest margin first
     */
    static List<Issue> find(double[][] p, int[] given) {
        int n = given.length;
        int k = n == 0 ? 0 : p[0].length;
        double[] threshold = thresholds(p, given, k);
        double[][] joint = new double[k][k];
        int[] perLabel = new int[k];
        for (int r = 0; r < n; r++) {
            perLabel[given[r]]++;
            int confident = -1;
            for (int j = 0; j < k; j++) {
                if (p[r][j] >= threshold[j] && (confident < 0 || p[r][j] > p[r][confident])) {
                    confident = j;
                }
            }
            if (confident >= 0) {
                joint[given[r]][confident]++;
            }
        }
        double[] best = new double[n];
        int[] likely = new int[n];
        java.util.Arrays.fill(likely, -1);
        for (int i = 0; i < k; i++) {
            double rowSum = 0;
            for (int j = 0; j < k; j++) {
                rowSum += joint[i][j];
            }
            if (rowSum == 0) {
                continue;
            }
            int label = i;
            int[] members = IntStream.range(0, n).filter(r -> given[r] == label).toArray();
            for (int j = 0; j < k; j++) {
                long prune = Math.round(joint[i][j] / rowSum * perLabel[i]);
                if (j == i || prune == 0) {
                    continue;
                }
                int other = j;
                Integer[] byMargin = IntStream.of(members).boxed()
                        .sorted(Comparator.comparingDouble((Integer r) -> p[r][other] - p[r][label]).reversed())
                        .toArray(Integer[]::new);
                for (int t = 0; t < Math.min(prune, byMargin.length); t++) {
                    int r = byMargin[t];
                    double margin = p[r][other] - p[r][label];
                    if (likely[r] < 0 || margin > best[r]) {
                        likely[r] = other;
                        best[r] = margin;
                    }
                }
            }
        }
        List<Issue> issues = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (likely[r] >= 0 && argmax(p[r]) != given[r]) {
                int top = argmax(p[r]);
                issues.add(new Issue(r, top, p[r][top] - p[r][given[r]]));
            }
        }
        issues.sort(Comparator.comparingDouble(Issue::margin).reversed().thenComparingInt(Issue::row));
        return issues;
    }

    /** Per label, the mean probability of it over the rows that carry it; a label no row carries is never met. */
    private static double[] thresholds(double[][] p, int[] given, int k) {
        double[] sum = new double[k];
        int[] count = new int[k];
        for (int r = 0; r < given.length; r++) {
            sum[given[r]] += p[r][given[r]];
            count[given[r]]++;
        }
        double[] threshold = new double[k];
        for (int j = 0; j < k; j++) {
            threshold[j] = count[j] == 0 ? Double.POSITIVE_INFINITY : sum[j] / count[j];
        }
        return threshold;
    }

    private static int argmax(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
