package dev.classifier.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.util.Objects;
import java.util.Optional;

/**
 * Classifies a {@code Dataset<Row>} with any offline classifier: {@link #classify(Dataset)} adds the columns of
 * {@link OutputColumns} (label, confidence, scores, flags, model version, status, error) to each row.
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
    private final int batchSize;

    private SparkClassifier(Builder builder) {
        this.source = builder.source;
        this.idColumn = builder.idColumn;
        this.titleColumn = builder.titleColumn;
        this.bodyColumn = builder.bodyColumn;
        this.columnPrefix = builder.columnPrefix;
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
     * The taxonomy labels of the model. Opens the model in this JVM (once).
     *
     * @return the labels, fallback included
     */
    public java.util.List<String> labels() {
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
        return classify(input, Optional.empty());
    }

    Dataset<Row> classify(Dataset<Row> input, Optional<ClassifyPartition.Counters> counters) {
        Objects.requireNonNull(input, "input");
        StructType schema = input.schema();
        InputColumns columns = InputColumns.resolve(schema, idColumn, titleColumn, bodyColumn);
        StructType output = OutputColumns.append(schema, columnPrefix);
        String version = modelVersion();
        source.distribute(input.sparkSession());
        ClassifyPartition function = new ClassifyPartition(source, version, columns, batchSize, counters);
        return input.mapPartitions(function, Encoders.row(output));
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
