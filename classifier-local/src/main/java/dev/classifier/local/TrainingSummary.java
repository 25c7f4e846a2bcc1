package dev.classifier.local;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a {@link LocalClassifier} was trained on and how well it did in cross-validation (the same folds that fit
 * its calibration, so these figures cost nothing extra).
 *
 * @param rows                   rows trained on
 * @param rowsPerLabel           rows trained on, by label
 * @param dropped                rows left out because the taxonomy has no such label, by their original label
 * @param features               distinct features in the vocabulary
 * @param temperature            the calibrating softmax temperature
 * @param crossValidatedAccuracy accuracy of the out-of-fold predictions, if calibration ran
 * @param crossValidatedEce      expected calibration error (15 equal-width bins) of those predictions, if it ran
 */
public record TrainingSummary(int rows, Map<String, Integer> rowsPerLabel, Map<String, Integer> dropped,
                              int features, double temperature, OptionalDouble crossValidatedAccuracy,
                              OptionalDouble crossValidatedEce) {

    public TrainingSummary {
        rowsPerLabel = Map.copyOf(Objects.requireNonNull(rowsPerLabel, "rowsPerLabel"));
        dropped = Map.copyOf(Objects.requireNonNull(dropped, "dropped"));
        Objects.requireNonNull(crossValidatedAccuracy, "crossValidatedAccuracy");
        Objects.requireNonNull(crossValidatedEce, "crossValidatedEce");
        if (rows < 0 || features < 0) {
            throw new IllegalArgumentException("rows and features must not be negative: " + rows + ", " + features);
        }
    }
}
