package dev.classifier.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Classifies a {@code Dataset<Row>} with any offline classifier: {@link #classify(Dataset)} adds the columns of
 * {@link OutputColumns} (label, confidence, scores, flags, model version, status, error) to each row;
 * {@link #classifyKeeping(Dataset, List)} keeps only the input columns you name.
 *
 * <p>Each partition goes through {@code mapPartitions}: its task takes the executor JVM's classifier (opened once per
 * JVM and model content, see {@link ModelSource}; never serialized with the tasks) and answers the rows in batches
 * of {@link Builder#batchSize(int)} with one {@code classifyAll} call each. A row that cannot be classified gets
 * status {@code FAILED} and the reason in {@code error}; the job goes on.
 *
 * <p>The driver opens the model too, once, to learn its version and to refuse an LLM strategy before any task
 * runs: {@code PromptClassifier} and {@code FineTunedClassifier} are refused, with a message that says to use
 * {@code BatchClassifier} from the driver.
 */
public final class SparkClassifier {

    private final ModelSource source;
    private final String idColumn;
    private final InputColumns.TextColumn titleColumn;
    private final InputColumns.TextColumn bodyColumn;
    private final String columnPrefix;
    private final ScoresColumn scores;
    private final int batchSize;

    private SparkClassifier(Builder builder) {
        this.source = builder.source;
        this.idColumn = builder.idColumn;
        this.titleColumn = builder.titleColumn;
        this.bodyColumn = builder.bodyColumn;
        this.columnPrefix = builder.columnPrefix;
        this.scores = builder.scores;
        this.batchSize = builder.batchSize;
    }

    /**
     * A builder for a classifier of the given model.
     *
     * @param source where the executors get the model
     * @return the builder
     */
    public static Builder builder(ModelSource source) {
        return new Builder(source);
    }

    /**
     * The version written in the {@code model_version} column: the classifier's own when it is a
     * {@code TrainedClassifier}, else one made of the source's content hash. Opens the model in this JVM (once).
     *
     * @return the version
     * @throws IllegalArgumentException if the classifier is an LLM strategy
     */
    public String modelVersion() {
        return ExecutorModels.get(source).version();
    }

    /**
     * The taxonomy labels of the model, in the order of an array {@code scores} column (and of a struct's fields).
     * Opens the model in this JVM (once).
     *
     * @return the labels, fallback included
     */
    public List<String> labels() {
        return ExecutorModels.get(source).classifier().taxonomy().labels();
    }

    /**
     * The input rows with the output columns added. Lazy, like any transformation; ships the model file and opens
     * the model on the driver now.
     *
     * @param input rows with an id column and a title and/or body column
     * @return the classified rows, in the input's partitions and order
     * @throws IllegalArgumentException if a column is missing, an output column's name is taken, or the classifier
     *                                  is an LLM strategy
     */
    public Dataset<Row> classify(Dataset<Row> input) {
        Objects.requireNonNull(input, "input");
        return classify(input, Arrays.asList(input.columns()), Optional.empty());
    }

    /**
     * The given input columns with the output columns added: what {@code classify(input).select(...)} gives, but
     * cheaper. Spark cannot see through the classifying step, so a select after it still copies every input column
     * into the classified rows (the article text encoded again); here the rows carry only what they keep, and the
     * other columns are read only when the classifier needs them (id and text).
     *
     * @param input       rows with an id column and a title and/or body column
     * @param keptColumns the input columns to keep, in the output's order (the id column is not kept unless named)
     * @return the kept columns and the added ones, in the input's partitions and order
     * @throws IllegalArgumentException if a column is missing or named twice, a kept column's name is one the
     *                                  classifier adds, or the classifier is an LLM strategy
     */
    public Dataset<Row> classifyKeeping(Dataset<Row> input, List<String> keptColumns) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(keptColumns, "keptColumns");
        return classify(input, List.copyOf(keptColumns), Optional.empty());
    }

    Dataset<Row> classify(Dataset<Row> input, List<String> kept, Optional<ClassifyPartition.Counters> counters) {
        StructType schema = input.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        if (new HashSet<>(kept).size() != kept.size()) {
            throw new IllegalArgumentException("a column is named twice among the kept columns " + kept);
        }
        for (String name : kept) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("the input has no column '" + name + "' to keep; its columns are "
                        + names);
            }
        }
        InputColumns all = InputColumns.resolve(schema, idColumn, titleColumn, bodyColumn);
        // The kept columns first, then those the classifier reads and the output does not keep.
        List<String> read = new ArrayList<>(kept);
        for (int index : new int[] {all.id(), all.title(), all.body()}) {
            if (index >= 0 && !read.contains(names.get(index))) {
                read.add(names.get(index));
            }
        }
        Dataset<Row> rows = read.equals(names) ? input
                : input.select(read.stream().map(SparkClassifier::column).toArray(Column[]::new));
        InputColumns columns = InputColumns.resolve(rows.schema(), idColumn, titleColumn, bodyColumn);
        StructType keptSchema = new StructType(Arrays.copyOf(rows.schema().fields(), kept.size()));
        StructType output = OutputColumns.append(keptSchema, columnPrefix, scores, labels());
        String version = modelVersion();
        source.distribute(input.sparkSession());
        AddedValues added = new AddedValues(kept.size(), version, scores, labels());
        ClassifyPartition function = new ClassifyPartition(source, columns,
                IntStream.range(0, kept.size()).toArray(), added, batchSize, counters);
        Dataset<Row> classified = rows.mapPartitions(function, Encoders.row(output));
        if (scores != ScoresColumn.ARRAY) {
            return classified;
        }
        // mapPartitions drops the fields' metadata: put the label order back on the scores column
        String name = columnPrefix + OutputColumns.SCORES;
        return classified.withColumn(name, column(name).as(name, output.apply(name).metadata()));
    }

    /** A column by its exact name, dots and all. */
    private static Column column(String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    String idColumn() {
        return idColumn;
    }

    String columnPrefix() {
        return columnPrefix;
    }

    ModelSource source() {
        return source;
    }

    /** Configures a {@link SparkClassifier}; the defaults read {@code id}, {@code title} and {@code body}. */
    public static final class Builder {

        /** Rows per {@code classifyAll} call unless set. */
        public static final int DEFAULT_BATCH_SIZE = 512;

        private final ModelSource source;
        private String idColumn = "id";
        private InputColumns.TextColumn titleColumn = new InputColumns.TextColumn("title", false);
        private InputColumns.TextColumn bodyColumn = new InputColumns.TextColumn("body", false);
        private String columnPrefix = "";
        private ScoresColumn scores = ScoresColumn.ARRAY;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder(ModelSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * The column of article ids (any type; written as its string); a re-run skips rows by it.
         *
         * @param name the column's name; {@code id} unless set
         * @return this builder
         */
        public Builder idColumn(String name) {
            this.idColumn = requireName(name, "id");
            return this;
        }

        /**
         * The title column; must exist once set. Left unset, a column {@code title} is used if there is one.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder titleColumn(String name) {
            this.titleColumn = new InputColumns.TextColumn(requireName(name, "title"), true);
            return this;
        }

        /**
         * The body column; must exist once set. Left unset, a column {@code body} is used if there is one.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder bodyColumn(String name) {
            this.bodyColumn = new InputColumns.TextColumn(requireName(name, "body"), true);
            return this;
        }

        /**
         * Put before the name of every added column ({@code predicted_label}, ...), for input that has a
         * {@code label} column already.
         *
         * @param prefix letters, digits and underscores; empty unless set
         * @return this builder
         */
        public Builder columnPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (!prefix.matches("[A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("column prefix '" + prefix + "' must be letters, digits and _");
            }
            this.columnPrefix = prefix;
            return this;
        }

        /**
         * The shape of the {@code scores} column: an array in label order (cheapest to write; the labels are in the
         * column's metadata and {@link SparkClassifier#labels()}), a struct with a field per label (read by name,
         * one label at a time), a label-to-probability map, or none.
         *
         * @param shape the shape; {@link ScoresColumn#ARRAY} unless set
         * @return this builder
         */
        public Builder scores(ScoresColumn shape) {
            this.scores = Objects.requireNonNull(shape, "shape");
            return this;
        }

        /**
         * Rows per {@code classifyAll} call.
         *
         * @param rows at least 1; {@value #DEFAULT_BATCH_SIZE} unless set
         * @return this builder
         */
        public Builder batchSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, was " + rows);
            }
            this.batchSize = rows;
            return this;
        }

        /**
         * The classifier.
         *
         * @return a classifier of the source
         */
        public SparkClassifier build() {
            return new SparkClassifier(this);
        }

        private static String requireName(String name, String role) {
            Objects.requireNonNull(name, role + " column");
            if (name.isBlank()) {
                throw new IllegalArgumentException(role + " column name is blank");
            }
            return name;
        }
    }
}
