package dev.classifier.spark;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Re-classifies an archive into Parquet, partitioned by {@code model_version} (then by any columns you add), and
 * can be run again: a run skips the input rows whose id the output holds under the same model version already, so
 * a new model writes a new partition and a re-run of the same model writes only what is missing.
 *
 * <p>The work is cut into {@link Builder#slices(int) slices} by a hash of the id, each appended in its own Spark
 * job. Spark's file commit protocol makes a job's files visible only when the job commits, so a job that fails
 * leaves nothing of its slice behind, the slices before it stay, and the next run classifies the rest: each row is
 * written once. Rows with a null id are classified (and fail, having no id) on every run: they cannot be skipped.
 * Rows with status {@code FAILED} count as written; to retry them, classify {@code status = 'FAILED'} rows into
 * another output.
 *
 * <p>The output holds the id, the partition columns, the columns named with {@link Builder#keep(String...)} and the
 * classifier's added columns: not the article text, which the archive has already (writing it again would cost
 * more than classifying it); join the output to the archive on the id to have both.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    private final SparkClassifier classifier;
    private final String output;
    private final List<String> partitionColumns;
    private final List<String> keptColumns;
    private final int slices;

    private Backfill(Builder builder) {
        this.classifier = builder.classifier;
        this.output = builder.output;
        this.partitionColumns = List.copyOf(builder.partitionColumns);
        this.keptColumns = List.copyOf(builder.keptColumns);
        this.slices = builder.slices;
    }

    /**
     * A builder.
     *
     * @param classifier classifies the rows; its id column keys the skipping
     * @return the builder
     */
    public static Builder builder(SparkClassifier classifier) {
        return new Builder(classifier);
    }

    /**
     * Classifies the input rows the output does not hold under this model version yet, and appends them.
     *
     * @param input the archive's rows
     * @return what was skipped and written
     * @throws org.apache.spark.SparkException (undeclared, as Spark throws it) if a slice's job fails; the slices
     *                                         committed before it stay, and a re-run goes on from there
     */
    public BackfillResult run(Dataset<Row> input) {
        Objects.requireNonNull(input, "input");
        SparkSession spark = input.sparkSession();
        String version = classifier.modelVersion();
        String id = classifier.idColumn();
        String versionColumn = classifier.columnPrefix() + OutputColumns.MODEL_VERSION;
        Dataset<Row> todo = input;
        long skipped = 0;
        Optional<Dataset<Row>> done = written(spark, versionColumn, version, id);
        if (done.isPresent()) {
            skipped = input.join(done.get(), input.col(id).equalTo(done.get().col(id)), "left_semi").count();
            todo = input.join(done.get(), input.col(id).equalTo(done.get().col(id)), "left_anti");
        }
        LongAccumulator classified = spark.sparkContext().longAccumulator("classifier-spark rows classified");
        LongAccumulator failed = spark.sparkContext().longAccumulator("classifier-spark rows failed");
        ClassifyPartition.Counters counters = new ClassifyPartition.Counters(classified, failed);
        List<String> kept = keptColumns(id);
        // Every row of a run has the same version: written straight into its partition's directory, the rows need
        // not be sorted by it (partitionBy sorts every row by the partition columns before writing).
        String versionDirectory = new Path(new Path(output), ExternalCatalogUtils.escapePathName(versionColumn) + "="
                + ExternalCatalogUtils.escapePathName(version)).toString();
        for (int slice = 0; slice < slices; slice++) {
            Dataset<Row> part = slices == 1 ? todo : todo.filter(sliceOf(todo.col(id), slices).equalTo(slice));
            Dataset<Row> rows = classifier.classify(part, kept, Optional.of(counters)).drop(versionColumn);
            DataFrameWriter<Row> writer = rows.write().mode(SaveMode.Append);
            if (!partitionColumns.isEmpty()) {
                writer = writer.partitionBy(partitionColumns.toArray(String[]::new));
            }
            writer.parquet(versionDirectory);
            LOG.info("backfill of model {} into {}: slice {} of {} committed", version, output, slice + 1, slices);
        }
        return new BackfillResult(version, skipped, classified.value(), failed.value(), slices);
    }

    /** The id, the partition columns and the ones asked for, each once, in that order. */
    private List<String> keptColumns(String id) {
        List<String> kept = new ArrayList<>();
        kept.add(id);
        for (String column : partitionColumns) {
            if (!kept.contains(column)) {
                kept.add(column);
            }
        }
        for (String column : keptColumns) {
            if (!kept.contains(column)) {
                kept.add(column);
            }
        }
        return kept;
    }

    /** The slice of a row: a hash of its id as a string, so the same id falls in the same slice in every run. */
    static Column sliceOf(Column id, int slices) {
        return functions.pmod(functions.xxhash64(id.cast("string")), functions.lit(slices));
    }

    /** The ids already written under this version, when the output holds any partition. */
    private Optional<Dataset<Row>> written(SparkSession spark, String versionColumn, String version, String id) {
        if (!hasPartitions(spark, versionColumn)) {
            return Optional.empty();
        }
        Dataset<Row> existing = spark.read().parquet(output);
        if (!Arrays.asList(existing.columns()).contains(id)) {
            throw new IllegalArgumentException("the output " + output + " has no id column '" + id + "'; its columns"
                    + " are " + Arrays.toString(existing.columns()) + ": is it the output of another job?");
        }
        return Optional.of(existing.filter(existing.col(versionColumn).equalTo(version)).select(id)
                .filter(functions.col(id).isNotNull()).distinct());
    }

    private boolean hasPartitions(SparkSession spark, String versionColumn) {
        Path root = new Path(output);
        try {
            FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            for (FileStatus status : fs.listStatus(root)) {
                if (status.isDirectory() && status.getPath().getName().startsWith(versionColumn + "=")) {
                    return true;
                }
            }
            return false;
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the output " + output + ": " + e.getMessage(), e);
        }
    }

    /** Configures a {@link Backfill}. */
    public static final class Builder {

        private final SparkClassifier classifier;
        private String output;
        private final List<String> partitionColumns = new ArrayList<>();
        private final List<String> keptColumns = new ArrayList<>();
        private int slices = 1;

        private Builder(SparkClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /**
         * Where the Parquet output goes (any path Spark writes: a local directory, HDFS, an object store).
         *
         * @param path the output directory; required
         * @return this builder
         */
        public Builder output(String path) {
            Objects.requireNonNull(path, "path");
            if (path.isBlank()) {
                throw new IllegalArgumentException("output path is blank");
            }
            this.output = path;
            return this;
        }

        /**
         * Input columns to partition by under {@code model_version} (a date, a language).
         *
         * @param columns column names of the input
         * @return this builder
         */
        public Builder partitionBy(String... columns) {
            for (String column : columns) {
                Objects.requireNonNull(column, "partition column");
                partitionColumns.add(column);
            }
            return this;
        }

        /**
         * Input columns to write beside the id, the partition columns and the added ones (a date, a source); the
         * article text is not written unless named here.
         *
         * @param columns column names of the input
         * @return this builder
         */
        public Builder keep(String... columns) {
            for (String column : columns) {
                Objects.requireNonNull(column, "kept column");
                keptColumns.add(column);
            }
            return this;
        }

        /**
         * Into how many slices (jobs, each committed on its own) the work is cut: more slices lose less work when a
         * job fails, and read the input once each.
         *
         * @param count at least 1; 1 unless set
         * @return this builder
         */
        public Builder slices(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("slices must be at least 1, was " + count);
            }
            this.slices = count;
            return this;
        }

        /**
         * The backfill.
         *
         * @return it
         * @throws IllegalStateException if no output was set
         */
        public Backfill build() {
            if (output == null) {
                throw new IllegalStateException("set the output path with output(...)");
            }
            return new Backfill(this);
        }
    }
}
