package dev.classifier.spark;

/**
 * The shape of the {@code scores} column a {@link SparkClassifier} adds. An array is the cheapest to build and to
 * write (one double per label, no keys); a map repeats every label's name on every row; none leaves the column out.
 */
public enum ScoresColumn {

    /**
     * {@code array<double>}: each label's probability in the taxonomy's label order (the order of
     * {@link SparkClassifier#labels()}, also stored in the column's metadata under {@value OutputColumns#LABELS_KEY}),
     * NaN for a label the classifier gave no score; null when it gave none at all or the row failed. The default.
     */
    ARRAY,

    /** {@code map<string, double>}: label to probability, as {@code Prediction.scores()} has them. */
    MAP,

    /** No {@code scores} column: label and confidence only. */
    NONE
}
