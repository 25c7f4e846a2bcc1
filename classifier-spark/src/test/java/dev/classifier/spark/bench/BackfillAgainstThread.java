package dev.classifier.spark.bench;

import dev.classifier.api.Article;
import dev.classifier.local.LocalClassifier;
import dev.classifier.spark.Backfill;
import dev.classifier.spark.ModelSources;
import dev.classifier.spark.SparkClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ratio alone, in one JVM with whatever collector it was started with: a local[2] backfill of the
 * bench's input (as bench/spark.sh leaves it in bench/out/spark) and the bare classifyAll thread over the same rows
 * in memory, taking turns round after round (so a change in the machine's load falls on both), best and median of
 * each. bench/spark.sh runs it under G1 and under the parallel collector. Arguments: work-dir rounds.
 */
public final class BackfillAgainstThread {

    private BackfillAgainstThread() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        String collector = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(" + "));
        SparkSession spark = SparkSession.builder().master("local[2]").appName("classifier-spark backfill vs thread")
                .config("spark.ui.enabled", "false").getOrCreate();
        SparkBench.FirstTask tasks = new SparkBench.FirstTask();
        spark.sparkContext().addSparkListener(tasks);
        Dataset<Row> archive = spark.read().parquet(work.resolve("spark-bench-input.parquet").toString());
        Path modelFile = work.resolve("spark-bench.model");
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(modelFile)).build();
        LocalClassifier single = LocalClassifier.load(modelFile);
        List<Article> articles = new ArrayList<>();
        for (Row row : archive.collectAsList()) {
            articles.add(Article.of(row.getString(0), "", row.getString(1)));
        }
        Path out = work.resolve("backfill-vs-thread-out");
        List<Double> backfills = new ArrayList<>();
        List<Double> threads = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            SparkBench.deleteRecursively(out);
            long started = System.nanoTime();
            tasks.reset(started);
            Backfill.builder(classifier).output(out.toString()).build().run(archive);
            double backfill = SparkBench.seconds(System.nanoTime() - started);
            SparkBench.out("  %s, round %d: local[2] backfill wall %.1f s, task CPU %.1f s", collector, round, backfill,
                    tasks.cpuSeconds());
            double thread = BareThreads.one(single, articles);
            if (round > 0) {   // round 0 warms up
                backfills.add(backfill);
                threads.add(thread);
            }
        }
        SparkBench.out("%s, %d rows, %d rounds after a warm-up: local[2] backfill best %.1f s, median %.1f s; one bare"
                        + " thread best %.1f s, median %.1f s; local[2] against the bare thread: %.2fx (best),"
                        + " %.2fx (median)", collector, articles.size(), rounds, min(backfills), median(backfills),
                min(threads), median(threads), min(threads) / min(backfills), median(threads) / median(backfills));
        spark.stop();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
