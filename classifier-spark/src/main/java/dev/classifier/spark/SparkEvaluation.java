package dev.classifier.spark;

import dev.classifier.eval.ConfusionMatrix;
import dev.classifier.eval.LabelMetrics;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a model on a labelled dataset in Spark: the rows are classified where they are ({@link SparkClassifier})
 * and only the confusion cells (gold, predicted, count) come to the driver, where {@code classifier-eval}'s own
 * {@link ConfusionMatrix} and {@link LabelMetrics} turn them into accuracy, macro-F1 and per-label figures: the
 * numbers {@code Evaluation.run} reports on the same rows, failed rows counting as wrong as there.
 *
 * <p>As there, an empty set and an id that occurs twice are refused; a row with no gold label is refused too.
 * A row whose article cannot be made (no text) fails and counts as wrong.
 */
public final class SparkEvaluation {

    private static final String PREFIX = "eval_";
    private static final String ROW = "__classifier_eval_row";

    private final SparkClassifier classifier;
    private final String idColumn;
    private final String labelColumn;

    private SparkEvaluation(SparkClassifier classifier, String idColumn, String labelColumn) {
        this.classifier = classifier;
        this.idColumn = idColumn;
        this.labelColumn = labelColumn;
    }

    /**
     * An evaluation that reads the gold label from {@code labelColumn} and the article from the columns the
     * classifier builder is given (its output columns get the prefix {@code eval_}).
     *
     * @param classifier  a builder of the classifier to evaluate, with its id and text columns set
     * @param labelColumn the gold label's column
     * @return the evaluation
     */
    public static SparkEvaluation of(SparkClassifier.Builder classifier, String labelColumn) {
        Objects.requireNonNull(classifier, "classifier");
        Objects.requireNonNull(labelColumn, "labelColumn");
        // only label and status are read: no scores to build
        SparkClassifier built = classifier.columnPrefix(PREFIX).scores(ScoresColumn.NONE).build();
        return new SparkEvaluation(built, built.idColumn(), labelColumn);
    }

    /**
     * Classifies every row once and measures the result.
     *
     * @param labelled rows with an id, text and a gold label
     * @return the metrics
     * @throws IllegalArgumentException if the set is empty, an id occurs twice, a gold label is missing or a column
     *                                  is not there
     */
    public DistributedEvaluation run(Dataset<Row> labelled) {
        Objects.requireNonNull(labelled, "labelled");
        if (!Arrays.asList(labelled.columns()).contains(labelColumn)) {
            throw new IllegalArgumentException("the labelled set has no label column '" + labelColumn + "'; its"
                    + " columns are " + Arrays.toString(labelled.columns()));
        }
        requireUniqueIds(labelled);
        Dataset<Row> classified = classifier.classifyKeeping(
                labelled.withColumn(ROW, functions.monotonically_increasing_id()), List.of(labelColumn, ROW));
        Column gold = functions.col(labelColumn).cast("string");
        Column predicted = functions.when(functions.col(PREFIX + OutputColumns.STATUS).equalTo(OutputColumns.OK),
                functions.col(PREFIX + OutputColumns.LABEL));
        List<Row> rows = classified.groupBy(gold.as("gold"), predicted.as("predicted"))
                .agg(functions.count(functions.lit(1)).as("n"), functions.min(ROW).as("first"))
                .collectAsList();
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(row -> row.getLong(3)));
        List<CellCounts.Cell> cells = new ArrayList<>(sorted.size());
        for (Row row : sorted) {
            if (row.isNullAt(0) || row.getString(0).isBlank()) {
                throw new IllegalArgumentException("the labelled set has rows without a gold label in the column '"
                        + labelColumn + "', " + row.getLong(2) + " of them; drop or label them");
            }
            cells.add(new CellCounts.Cell(row.getString(0), Optional.ofNullable(row.getString(1)), row.getLong(2)));
        }
        CellCounts counts = new CellCounts(cells);
        if (counts.size() == 0) {
            throw new IllegalArgumentException("the labelled set is empty");
        }
        ConfusionMatrix confusion = ConfusionMatrix.of(classifier.labels(), counts.gold(), counts.predicted());
        List<LabelMetrics> labels = LabelMetrics.of(confusion);
        int n = counts.size();
        return new DistributedEvaluation(classifier.modelVersion(), n, n - confusion.totalFailed(),
                (double) confusion.correct() / n, LabelMetrics.macroF1(labels), labels, confusion);
    }

    private void requireUniqueIds(Dataset<Row> labelled) {
        List<Row> twice = labelled.groupBy(functions.col(idColumn)).count().filter(functions.col("count").gt(1))
                .limit(1).collectAsList();
        if (!twice.isEmpty()) {
            throw new IllegalArgumentException("the labelled set has the id '" + twice.get(0).get(0) + "' "
                    + twice.get(0).getLong(1) + " times; each article is evaluated once");
        }
    }
}
