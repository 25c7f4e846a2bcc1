package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Trains a model on the driver from a labelled dataset in the lake (a {@link FeedbackExport}, a labelled table):
 * the rows come to the driver, at most {@link Builder#maxRows(int)} of them, and any {@link Trainer} learns from
 * them. A larger dataset is refused with the limit named, before more than the limit is read. Save the model
 * (e.g. {@code LocalClassifier.save}) and classify with {@link ModelSources#localModel}.
 */
public final class DriverTraining {

    private final int maxRows;
    private final String idColumn;
    private final String titleColumn;
    private final String bodyColumn;
    private final String labelColumn;

    private DriverTraining(Builder builder) {
        this.maxRows = builder.maxRows;
        this.idColumn = builder.idColumn;
        this.titleColumn = builder.titleColumn;
        this.bodyColumn = builder.bodyColumn;
        this.labelColumn = builder.labelColumn;
    }

    /**
     * A builder; the defaults read the columns of a {@link FeedbackExport}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The dataset's rows as labelled articles, in its order.
     *
     * @param labelled rows with an id, a title and/or body, and a label
     * @return the rows
     * @throws IllegalArgumentException if the dataset has more than the limit, a column is missing, or a row has no
     *                                  id, no label or no text (the message gives its number and id)
     */
    public List<LabeledArticle> rows(Dataset<Row> labelled) {
        Objects.requireNonNull(labelled, "labelled");
        List<String> columns = Arrays.asList(labelled.columns());
        for (String column : List.of(idColumn, labelColumn)) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("the labelled dataset has no column '" + column + "'; its columns"
                        + " are " + columns);
            }
        }
        boolean hasTitle = columns.contains(titleColumn);
        boolean hasBody = columns.contains(bodyColumn);
        if (!hasTitle && !hasBody) {
            throw new IllegalArgumentException("the labelled dataset has neither a column '" + titleColumn
                    + "' nor '" + bodyColumn + "'; its columns are " + columns);
        }
        List<Row> collected = labelled.select(idColumn, labelColumn, hasTitle ? titleColumn : idColumn,
                hasBody ? bodyColumn : idColumn).limit(maxRows + 1).collectAsList();
        if (collected.size() > maxRows) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the labelled dataset has more than %,d"
                    + " rows, the limit set by maxRows(%d): training runs on the driver and holds every row in its"
                    + " memory. Train on a sample (Dataset.sample) or raise maxRows if the driver has the memory.",
                    maxRows, maxRows));
        }
        List<LabeledArticle> rows = new ArrayList<>(collected.size());
        for (int i = 0; i < collected.size(); i++) {
            rows.add(labelledArticle(collected.get(i), i + 1, hasTitle, hasBody));
        }
        return rows;
    }

    /**
     * Trains on the dataset's rows.
     *
     * @param labelled rows with an id, text and a label
     * @param trainer  any trainer ({@code LocalClassifier.trainer()}, say)
     * @param taxonomy the labels to learn
     * @return the trained classifier
     * @throws IllegalArgumentException as {@link #rows(Dataset)}
     */
    public TrainedClassifier train(Dataset<Row> labelled, Trainer trainer, Taxonomy taxonomy) {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(taxonomy, "taxonomy");
        return trainer.train(rows(labelled), taxonomy);
    }

    private LabeledArticle labelledArticle(Row row, int number, boolean hasTitle, boolean hasBody) {
        if (row.isNullAt(0) || row.get(0).toString().isBlank()) {
            throw new IllegalArgumentException("row " + number + " of the labelled dataset has no id in '" + idColumn
                    + "'");
        }
        String id = row.get(0).toString();
        if (row.isNullAt(1) || row.get(1).toString().isBlank()) {
            throw new IllegalArgumentException("row " + number + " (id '" + id + "') of the labelled dataset has no"
                    + " label in '" + labelColumn + "'");
        }
        String title = hasTitle && !row.isNullAt(2) ? row.get(2).toString() : "";
        String body = hasBody && !row.isNullAt(3) ? row.get(3).toString() : "";
        if (title.isBlank() && body.isBlank()) {
            throw new IllegalArgumentException("row " + number + " (id '" + id + "') of the labelled dataset has no"
                    + " text in '" + titleColumn + "' or '" + bodyColumn + "'");
        }
        return new LabeledArticle(Article.of(id, title, body), row.get(1).toString());
    }

    /** Configures a {@link DriverTraining}. */
    public static final class Builder {

        /** Rows the driver takes unless set. */
        public static final int DEFAULT_MAX_ROWS = 500_000;

        private int maxRows = DEFAULT_MAX_ROWS;
        private String idColumn = "id";
        private String titleColumn = "title";
        private String bodyColumn = "body";
        private String labelColumn = "label";

        private Builder() {
        }

        /**
         * The most rows the driver takes; a larger dataset is refused.
         *
         * @param rows at least 1; {@value #DEFAULT_MAX_ROWS} unless set
         * @return this builder
         */
        public Builder maxRows(int rows) {
            if (rows < 1 || rows == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxRows must be in [1, " + (Integer.MAX_VALUE - 1) + "], was "
                        + rows);
            }
            this.maxRows = rows;
            return this;
        }

        /**
         * The columns to read.
         *
         * @param id    the article id; {@code id} unless set
         * @param title the title; {@code title} unless set; may be absent from the dataset if the body is there
         * @param body  the body; {@code body} unless set; may be absent if the title is there
         * @param label the gold label; {@code label} unless set
         * @return this builder
         */
        public Builder columns(String id, String title, String body, String label) {
            this.idColumn = Objects.requireNonNull(id, "id");
            this.titleColumn = Objects.requireNonNull(title, "title");
            this.bodyColumn = Objects.requireNonNull(body, "body");
            this.labelColumn = Objects.requireNonNull(label, "label");
            return this;
        }

        /**
         * The training.
         *
         * @return it
         */
        public DriverTraining build() {
            return new DriverTraining(this);
        }
    }
}
