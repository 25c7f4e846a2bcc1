package dev.classifier.spark;

/**
 * The shape of the {@code scores} column a {@link SparkClassifier} adds. A struct has a double field per label
 * ({@code scores.Sports}): Parquet stores each as a column of its own, so a reader reads only the labels it asks for;
 * an array holds one double per label in label order; a map repeats every label's name on every row; none leaves the
 * column out. classifier-spark's README compares what each costs.
 */
public enum ScoresColumn {

    /**
     * {@code array<double>}: each label's probability in the taxonomy's label order (the order of
     * {@link SparkClassifier#labels()}, also stored in the column's metadata under {@value OutputColumns#LABELS_KEY}),
     * NaN for a label the classifier gave no score; null when it gave none at all or the row failed. The default.
     */
    ARRAY,

    /**
     * {@code struct<label: double, ...>}: a field per label, named as the label (Chinese included), in the taxonomy's
     * label order, NaN for a label the classifier gave no score; the struct is null when it gave none at all or the
     * row failed. Read a label's score as {@code col("scores.Sports")}, or with backticks when the label has a dot
     * or a space ({@code col("scores.`Science & Tech`")}). Spark resolves field names ignoring case; a taxonomy has no
     * two labels that differ only in case ({@code Taxonomy} refuses them), and the struct's schema checks it again.
     */
    STRUCT,

    /** {@code map<string, double>}: label to probability, as {@code Prediction.scores()} has them. */
    MAP,

    /** No {@code scores} column: label and confidence only. */
    NONE
}
