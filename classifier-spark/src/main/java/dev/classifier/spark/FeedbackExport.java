package dev.classifier.spark;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes the feedback a {@link FeedbackStore} holds to Parquet, one row per feedback, with the columns of
 * {@link #SCHEMA}: {@code id} is the article's id and {@code title}, {@code body}, {@code label} the article and its
 * label, so {@link DriverTraining} and {@link SparkEvaluation} read the export with their defaults.
 *
 * <p>The store is streamed in chunks of {@link #CHUNK_ROWS} rows (the driver never holds it whole), written into a
 * directory beside the target and renamed onto it at the end: a failed export leaves no half-written target.
 */
public final class FeedbackExport {

    /** Rows per chunk written. */
    public static final int CHUNK_ROWS = 50_000;

    /** The export's columns. */
    public static final StructType SCHEMA = new StructType()
            .add("feedback_id", DataTypes.StringType, false)
            .add("id", DataTypes.StringType, false)
            .add("title", DataTypes.StringType, false)
            .add("body", DataTypes.StringType, false)
            .add("metadata", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false), false)
            .add("label", DataTypes.StringType, false)
            .add("predicted", DataTypes.StringType, true)
            .add("reason", DataTypes.StringType, false)
            .add("taxonomy_fingerprint", DataTypes.StringType, true)
            .add("created_at", DataTypes.TimestampType, false);

    private FeedbackExport() {
    }

    /**
     * Exports the store's feedback (what {@link FeedbackStore#stream()} returns, in its order).
     *
     * @param store the store; read, not changed
     * @param spark the session to write with
     * @param path  the target directory; must not exist
     * @return the number of feedback written
     * @throws IllegalArgumentException if the target exists
     */
    public static long toParquet(FeedbackStore store, SparkSession spark, String path) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(spark, "spark");
        Objects.requireNonNull(path, "path");
        Path target = new Path(path);
        Path partial = new Path(target.getParent(), "." + target.getName() + ".exporting-" + UUID.randomUUID());
        try {
            FileSystem fs = target.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(target)) {
                throw new IllegalArgumentException("the export target " + path + " exists; choose a new directory");
            }
            long written = writeChunks(store, spark, partial.toString());
            if (!fs.rename(partial, target)) {
                throw new IOException("cannot rename " + partial + " to " + target);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the feedback to " + path + ": " + e.getMessage(), e);
        }
    }

    private static long writeChunks(FeedbackStore store, SparkSession spark, String partial) {
        long written = 0;
        List<Row> chunk = new ArrayList<>();
        try (Stream<Feedback> feedback = store.stream()) {
            Iterator<Feedback> it = feedback.iterator();
            while (it.hasNext()) {
                chunk.add(row(it.next()));
                if (chunk.size() == CHUNK_ROWS || !it.hasNext()) {
                    spark.createDataFrame(chunk, SCHEMA).coalesce(1).write().mode(SaveMode.Append).parquet(partial);
                    written += chunk.size();
                    chunk.clear();
                }
            }
        }
        if (written == 0) {
            spark.createDataFrame(List.of(), SCHEMA).write().mode(SaveMode.Append).parquet(partial);
        }
        return written;
    }

    private static Row row(Feedback f) {
        return RowFactory.create(f.id(), f.article().id(), f.article().title(), f.article().body(),
                CollectionConverters.asScala(f.article().metadata()), f.label(), f.predicted().orElse(null),
                f.reason(), f.taxonomyFingerprint().orElse(null), Timestamp.from(f.createdAt()));
    }
}
