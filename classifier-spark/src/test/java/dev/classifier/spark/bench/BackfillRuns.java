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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Backfills of the bench's input and model (as bench/spark.sh leaves them in bench/out/spark) run again and again,
 * nothing else: the loop to profile (e.g. with -XX:StartFlightRecording) when the Spark side's CPU per row is the
 * question, and to compare settings on a busy machine: the settings take turns round after round, so a change in
 * the machine's load falls on all of them, and the median task CPU of each is printed at the end.
 *
 * <p>Arguments: work-dir (bench/out/spark) rounds shapes master [batch-sizes]; shapes and batch sizes are comma
 * lists (e.g. {@code STRUCT,ARRAY,NONE} and {@code 512,4096}), every pair runs once per round, the first round
 * only warms up. System properties {@code hadoop.<key>=<value>} go into the Hadoop configuration (Parquet writer
 * settings, e.g. {@code -Dhadoop.parquet.enable.dictionary=false}).
 */
public final class BackfillRuns {

    private BackfillRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<ScoresColumn> shapes = Arrays.stream(args[2].split(",")).map(ScoresColumn::valueOf).toList();
        List<Integer> batches = args.length > 4 ? Arrays.stream(args[4].split(",")).map(Integer::valueOf).toList()
                : List.of(SparkClassifier.Builder.DEFAULT_BATCH_SIZE);
        SparkSession spark = SparkSession.builder().master(args[3]).appName("classifier-spark backfill runs")
                .config("spark.ui.enabled", "false").getOrCreate();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("hadoop.")).forEach(key ->
                spark.sparkContext().hadoopConfiguration().set(key.substring("hadoop.".length()),
                        System.getProperty(key)));
        SparkBench.FirstTask tasks = new SparkBench.FirstTask();
        spark.sparkContext().addSparkListener(tasks);
        Dataset<Row> archive = spark.read().parquet(work.resolve("spark-bench-input.parquet").toString());
        Path out = work.resolve("backfill-runs-out");
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (ScoresColumn shape : shapes) {
                for (int batch : batches) {
                    SparkClassifier classifier = SparkClassifier.builder(
                            ModelSources.localModel(work.resolve("spark-bench.model"))).scores(shape).batchSize(batch)
                            .build();
                    deleteRecursively(out);
                    long started = System.nanoTime();
                    tasks.reset(started);
                    Backfill.builder(classifier).output(out.toString()).build().run(archive);
                    String setting = shape + ", batch " + batch;
                    SparkBench.out("round %d (%s, %s): wall %.1f s, task CPU %.1f s, load %s", round, setting,
                            args[3], (System.nanoTime() - started) / 1e9, tasks.cpuSeconds(),
                            Files.readString(Path.of("/proc/loadavg")).trim());
                    if (round > 0) {
                        cpu.computeIfAbsent(setting, s -> new ArrayList<>()).add(tasks.cpuSeconds());
                    }
                }
            }
        }
        cpu.forEach((setting, seconds) -> SparkBench.out("%s: median task CPU %.2f s of %s", setting,
                median(seconds), seconds));
        spark.stop();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
