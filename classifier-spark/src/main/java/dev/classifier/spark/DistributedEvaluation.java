package dev.classifier.spark;

import dev.classifier.eval.ConfusionMatrix;
import dev.classifier.eval.LabelMetrics;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The metrics of a {@link SparkEvaluation}: the same numbers {@code classifier-eval}'s {@code EvaluationResult}
 * reports on the same rows (its {@code ConfusionMatrix} and {@code LabelMetrics}, built by the same code), without
 * the per-article lists that would not fit a driver at this scale.
 *
 * @param modelVersion the model evaluated
 * @param n            rows evaluated
 * @param answered     rows with a prediction; the rest failed and count as wrong
 * @param accuracy     correct rows over all rows
 * @param macroF1      mean F1 over the labels that occur in gold or predictions
 * @param labels       per-label precision, recall, F1, support and predicted count, in the matrix's order
 * @param confusion    gold (rows) by predicted (columns), with failed rows per gold label
 */
public record DistributedEvaluation(String modelVersion, int n, int answered, double accuracy, double macroF1,
                                    List<LabelMetrics> labels, ConfusionMatrix confusion) {

    /** Checks and copies. */
    public DistributedEvaluation {
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(confusion, "confusion");
        labels = List.copyOf(labels);
        if (n < 1 || answered < 0 || answered > n) {
            throw new IllegalArgumentException("inconsistent counts: n " + n + ", answered " + answered);
        }
    }

    /**
     * Rows without a prediction.
     *
     * @return n minus answered
     */
    public int failed() {
        return n - answered;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DistributedEvaluation[%s: n=%d, accuracy=%.4f, macroF1=%.4f, failed=%d]",
                modelVersion, n, accuracy, macroF1, failed());
    }
}
