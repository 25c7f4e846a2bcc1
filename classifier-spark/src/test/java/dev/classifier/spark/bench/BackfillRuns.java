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
 * <p>Arguments: work-dir (bench/out/spark) rounds shapes master [batch-sizes [dictionaries]]; shapes, batch sizes and
 * dictionaries are comma lists (e.g. {@code STRUCT,ARRAY,NONE}, {@code 512,4096} and {@code on,off}: off turns
 * Parquet's dictionary encoding off for the id and scores columns), every combination runs once per round, the
 * first round only warms up. Each run prints its wall time, the task threads' CPU and allocated bytes, and the whole
 * process's CPU (GC threads included). System properties {@code hadoop.<key>=<value>} go into the Hadoop
 * configuration (Parquet writer settings, e.g. {@code -Dhadoop.parquet.page.size=2097152}).
 */
public final class BackfillRuns {

    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean();

    private BackfillRuns() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<ScoresColumn> shapes = Arrays.stream(args[2].split(",")).map(ScoresColumn::valueOf).toList();
        List<Integer> batches = args.length > 4 ? Arrays.stream(args[4].split(",")).map(Integer::valueOf).toList()
                : List.of(SparkClassifier.Builder.DEFAULT_BATCH_SIZE);
        List<String> dictionaries = args.length > 5 ? List.of(args[5].split(",")) : List.of("on");
        SparkSession spark = SparkSession.builder().master(args[3]).appName("classifier-spark backfill runs")
                .config("spark.ui.enabled", "false").getOrCreate();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("hadoop.")).forEach(key ->
                spark.sparkContext().hadoopConfiguration().set(key.substring("hadoop.".length()),
                        System.getProperty(key)));
        SparkBench.FirstTask tasks = new SparkBench.FirstTask();
        spark.sparkContext().addSparkListener(tasks);
        Dataset<Row> archive = spark.read().parquet(work.resolve("spark-bench-input.parquet").toString());
        List<Setting> settings = new ArrayList<>();
        for (ScoresColumn shape : shapes) {
            for (int batch : batches) {
                for (String dictionary : dictionaries) {
                    settings.add(new Setting(shape, batch, !dictionary.equals("off")));
                }
            }
        }
        Map<Setting, List<double[]>> measured = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Setting setting : settings) {
                double[] run = run(spark, setting, work, archive, tasks);
                SparkBench.out("round %d (%s, %s): wall %.1f s, task CPU %.1f s, task threads allocated %.0f MB,"
                        + " process CPU %.1f s, load %s", round, setting, args[3], run[0], run[1], run[2], run[3],
                        Files.readString(Path.of("/proc/loadavg")).trim());
                if (round > 0) {
                    measured.computeIfAbsent(setting, s -> new ArrayList<>()).add(run);
                }
            }
        }
        measured.forEach((setting, runs) -> SparkBench.out("%s: medians: wall %.2f s, task CPU %.2f s, allocated"
                + " %.0f MB, process CPU %.2f s (%d runs)", setting, median(runs, 0), median(runs, 1),
                median(runs, 2), median(runs, 3), runs.size()));
        spark.stop();
    }

    /** One backfill: wall seconds, task CPU seconds, megabytes the task threads allocated, process CPU seconds. */
    private static double[] run(SparkSession spark, Setting setting, Path work, Dataset<Row> archive,
                                SparkBench.FirstTask tasks) throws java.io.IOException {
        for (String column : List.of("id", "scores.list.element")) {
            spark.sparkContext().hadoopConfiguration().setBoolean("parquet.enable.dictionary#" + column,
                    setting.dictionary());
        }
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.localModel(work.resolve("spark-bench.model")))
                .scores(setting.shape()).batchSize(setting.batch()).build();
        Path out = work.resolve("backfill-runs-out");
        deleteRecursively(out);
        long started = System.nanoTime();
        tasks.reset(started);
        Map<Long, Long> before = TaskThreads.allocatedBytes();
        long processCpu = PROCESS.getProcessCpuTime();
        Backfill.builder(classifier).output(out.toString()).build().run(archive);
        return new double[] {(System.nanoTime() - started) / 1e9, tasks.cpuSeconds(),
                TaskThreads.allocatedSince(before) / 1e6, (PROCESS.getProcessCpuTime() - processCpu) / 1e9};
    }

    private static double median(List<double[]> runs, int measure) {
        List<Double> sorted = runs.stream().map(run -> run[measure]).sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A combination of settings to compare. */
    private record Setting(ScoresColumn shape, int batch, boolean dictionary) {
        @Override
        public String toString() {
            return shape + ", batch " + batch + ", dictionary " + (dictionary ? "on" : "off");
        }
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
