package dev.classifier.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import dev.classifier.spark.Backfill;
import dev.classifier.spark.BackfillResult;
import dev.classifier.spark.DistributedEvaluation;
import dev.classifier.spark.ModelSources;
import dev.classifier.spark.SparkClassifier;
import dev.classifier.spark.SparkEvaluation;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Re-classifies an archive on Spark: reads JSONL or Parquet, classifies with a saved local model, writes Parquet
 * partitioned by model version, and skips on a re-run what the same model wrote already. Only in the {@code spark}
 * profile of this module (Spark stays off the quick start's class path):
 *
 * <pre>
 * mvn -B -q -pl examples -am -Pspark compile exec:exec                      # the sample news, in local[*]
 * mvn -B -q -pl examples -am -Pspark compile exec:exec \
 *     -Dbackfill.args="--model m.model --input articles.jsonl --output out --body text"
 * </pre>
 *
 * <p>With no {@code --model} and no {@code --input}, it trains the local model on the sample feedback, writes the
 * 88 sample articles to JSONL, backfills them twice (the second run skips all 88) and evaluates the model on them
 * in Spark. Under spark-submit the master comes from spark-submit; elsewhere it is {@code --master} or local[*].
 */
public final class SparkBackfill {

    private SparkBackfill() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        Path work = Path.of(options.getOrDefault("--work", "target/spark-backfill"));
        boolean demo = !options.containsKey("--model") && !options.containsKey("--input");
        Path model = demo ? sampleModel(work) : Path.of(required(options, "--model"));
        String input = demo ? sampleArticles(work).toString() : required(options, "--input");
        String output = options.getOrDefault("--output", work.resolve("out").toString());

        SparkSession.Builder builder = SparkSession.builder().appName("SparkBackfill");
        if (!new SparkConf().contains("spark.master")) {
            builder.master(options.getOrDefault("--master", "local[*]"));
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Dataset<Row> articles = read(spark, input);
            // The sample's gold labels are for the evaluation below; the archive has none.
            Dataset<Row> archive = demo ? articles.drop("label") : articles;
            SparkClassifier.Builder classifier = SparkClassifier.builder(ModelSources.localModel(model))
                    .idColumn(options.getOrDefault("--id", "id"));
            if (options.containsKey("--title")) {
                classifier.titleColumn(options.get("--title"));
            }
            if (options.containsKey("--body")) {
                classifier.bodyColumn(options.get("--body"));
            }
            Backfill backfill = Backfill.builder(classifier.build()).output(output)
                    .slices(Integer.parseInt(options.getOrDefault("--slices", "1"))).build();
            System.out.println("Backfill of " + input + " into " + output);
            print("first run", backfill.run(archive));
            print("run again", backfill.run(archive));
            Dataset<Row> written = spark.read().parquet(output);
            System.out.println("Rows by label in " + output + ":");
            written.groupBy("model_version", "status", "label").count().orderBy("model_version", "label")
                    .collectAsList().forEach(row -> System.out.printf(Locale.ROOT, "  %s  %-6s %-14s %d%n",
                            row.getString(0), row.getString(1), row.isNullAt(2) ? "-" : row.getString(2),
                            row.getLong(3)));
            if (demo) {
                DistributedEvaluation evaluation = SparkEvaluation.of(SparkClassifier.builder(
                        ModelSources.localModel(model)), "label").run(articles);
                System.out.println("Evaluated in Spark: " + evaluation);
            }
        } finally {
            spark.stop();
        }
    }

    private static void print(String what, BackfillResult result) {
        System.out.printf(Locale.ROOT, "%s: model %s, %d rows skipped, %d classified (%d failed)%n", what,
                result.modelVersion(), result.skipped(), result.classified(), result.failed());
    }

    private static Dataset<Row> read(SparkSession spark, String input) {
        String name = input.toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".json") ? spark.read().json(input)
                : spark.read().parquet(input);
    }

    /** The local model trained on the sample feedback, saved where the executors can be sent it. */
    private static Path sampleModel(Path work) throws IOException {
        Files.createDirectories(work);
        Taxonomy taxonomy = SampleData.taxonomy();
        Path file = work.resolve("sample.model");
        LocalClassifier.trainer().train(SampleData.feedback(taxonomy).stream().map(Feedback::toLabeled).toList(),
                taxonomy).save(file);
        return file;
    }

    /** The 88 sample articles (English and Chinese) with their labels, as JSONL. */
    private static Path sampleArticles(Path work) throws IOException {
        Path file = work.resolve("articles.jsonl");
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (LabeledArticle row : SampleData.articles()) {
                Map<String, String> record = new LinkedHashMap<>();
                record.put("id", row.article().id());
                record.put("title", row.article().title());
                record.put("body", row.article().body());
                record.put("label", row.label());
                out.write(json.writeValueAsString(record));
                out.newLine();
            }
        }
        return file;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String name = rest.remove(0);
            if (!name.startsWith("--") || rest.isEmpty()) {
                throw new IllegalArgumentException("usage: SparkBackfill [--model FILE --input JSONL_OR_PARQUET]"
                        + " [--output DIR] [--id COLUMN] [--title COLUMN] [--body COLUMN] [--slices N]"
                        + " [--master URL] [--work DIR]; '" + name + "' is not an option with a value");
            }
            options.put(name, rest.remove(0));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("give both --model and --input (or neither, for the sample news);"
                    + " " + name + " is missing");
        }
        return value;
    }
}
