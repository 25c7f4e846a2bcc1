package dev.classifier.spark.bench;

import dev.classifier.spark.Backfill;
import dev.classifier.spark.ModelSources;
import dev.classifier.spark.ScoresColumn;
import dev.classifier.spark.SparkClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * Backfills of the bench's input and model (as bench/spark.sh leaves them in bench/out/spark) run again and again,
 * nothing else: the loop to profile (e.g. with -XX:StartFlightRecording) when the Spark side's CPU per row is the
 * question. Arguments: work-dir (bench/out/spark) runs scores-shape (ARRAY, MAP or NONE) master.
 */
public final class BackfillRuns {

    private BackfillRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        ScoresColumn scores = ScoresColumn.valueOf(args[2]);
        SparkSession spark = SparkSession.builder().master(args[3]).appName("classifier-spark backfill runs")
                .config("spark.ui.enabled", "false").getOrCreate();
        SparkBench.FirstTask tasks = new SparkBench.FirstTask();
        spark.sparkContext().addSparkListener(tasks);
        Dataset<Row> archive = spark.read().parquet(work.resolve("spark-bench-input.parquet").toString());
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(work.resolve("spark-bench.model")))
                .scores(scores).build();
        Path out = work.resolve("backfill-runs-out");
        for (int run = 0; run < runs; run++) {
            if (Files.exists(out)) {
                try (var files = Files.walk(out)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            long started = System.nanoTime();
            tasks.reset(started);
            Backfill.builder(classifier).output(out.toString()).build().run(archive);
            System.out.println(String.format(Locale.ROOT, "backfill %d (%s, %s): wall %.1f s, task CPU %.1f s", run,
                    scores, args[3], (System.nanoTime() - started) / 1e9, tasks.cpuSeconds()));
        }
        spark.stop();
    }
}
