package dev.classifier.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;

import java.util.List;

/** One Spark session in local[2] for every test of the JVM (stopped by Spark's shutdown hook). */
final class TestSpark {

    static final StructType ARTICLES = new StructType()
            .add("id", DataTypes.StringType, true)
            .add("title", DataTypes.StringType, true)
            .add("body", DataTypes.StringType, true);
    static final StructType LABELLED = ARTICLES.add("label", DataTypes.StringType, true);

    private static SparkSession session;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("classifier-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "4")
                    .getOrCreate();
        }
        return session;
    }

    /** The articles as rows in the given number of partitions. */
    static Dataset<Row> articles(List<Article> articles, int partitions) {
        List<Row> rows = articles.stream().map(a -> RowFactory.create(a.id(), a.title(), a.body())).toList();
        return session().createDataFrame(rows, ARTICLES).repartition(partitions);
    }

    /** Labelled articles as rows, in order, in the given number of partitions (a range split keeps the order). */
    static Dataset<Row> labelled(List<LabeledArticle> rows, int partitions) {
        List<Row> data = rows.stream()
                .map(r -> RowFactory.create(r.article().id(), r.article().title(), r.article().body(), r.label()))
                .toList();
        Column order = functions.col("__order");
        return session().createDataFrame(data, LABELLED).coalesce(1)
                .withColumn("__order", functions.monotonically_increasing_id())
                .repartitionByRange(partitions, order).sortWithinPartitions(order).drop("__order");
    }
}
