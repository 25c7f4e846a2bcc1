package dev.classifier.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Precision, recall and F1 of one label.
 *
 * <p>Conventions where a ratio would be 0/0: a label never predicted has precision 0; a label with no gold
 * articles (support 0) has recall 0; F1 is 0 when precision and recall are both 0. A failure counts as a
 * miss against its gold label's recall and against no label's precision.
 *
 * @param support   gold articles of this label (failures included)
 * @param predicted how often the classifier predicted this label
 */
public record LabelMetrics(String label, double precision, double recall, double f1, int support, int predicted) {

    public LabelMetrics {
        Objects.requireNonNull(label, "label");
    }

    /** True when the label occurs in the gold labels or the predictions: only these count in macro-F1. */
    public boolean occurs() {
        return support > 0 || predicted > 0;
    }

    /** The metrics of every label of a matrix, in its order. */
    public static List<LabelMetrics> of(ConfusionMatrix matrix) {
        List<LabelMetrics> result = new ArrayList<>(matrix.size());
        for (int i = 0; i < matrix.size(); i++) {
            int truePositives = matrix.count(i, i);
            int predicted = matrix.columnTotal(i);
            int support = matrix.rowTotal(i);
            double precision = ratioOrZero(truePositives, predicted);
            double recall = ratioOrZero(truePositives, support);
            double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
            result.add(new LabelMetrics(matrix.labels().get(i), precision, recall, f1, support, predicted));
        }
        return List.copyOf(result);
    }

    /**
     * The unweighted mean F1 over the labels that occur (in gold or in predictions), as scikit-learn does by
     * default: a taxonomy label that neither occurs nor is predicted does not pull the mean down. NaN if none occurs.
     */
    public static double macroF1(List<LabelMetrics> labels) {
        return labels.stream().filter(LabelMetrics::occurs).mapToDouble(LabelMetrics::f1).average().orElse(Double.NaN);
    }

    private static double ratioOrZero(int numerator, int denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
