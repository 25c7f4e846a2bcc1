package dev.classifier.spark.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import dev.classifier.spark.Backfill;
import dev.classifier.spark.ClassifierFactory;
import dev.classifier.spark.ModelSources;
import dev.classifier.spark.SparkClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How much of a backfill's task CPU is classifyAll's, measured (thread CPU time around each classifyAll call in the
 * tasks), against the bare thread's classifyAll over the same rows, taking turns: a check on the sampled CPU split
 * (JFR) and the answer to "is it Spark's own work, or does classifying cost more inside a task?". Arguments:
 * work-dir (bench/out/spark) rounds.
 */
public final class ClassifyShare {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AtomicLong CLASSIFY_NANOS = new AtomicLong();

    private ClassifyShare() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .getOrCreate();
        SparkBench.FirstTask tasks = new SparkBench.FirstTask();
        spark.sparkContext().addSparkListener(tasks);
        Dataset<Row> archive = spark.read().parquet(work.resolve("spark-bench-input.parquet").toString());
        String modelFile = work.resolve("spark-bench.model").toString();
        ClassifierFactory timed = () -> new Timed(LocalClassifier.load(Path.of(modelFile)));
        SparkClassifier classifier = SparkClassifier.builder(ModelSources.factory(timed)).build();
        List<Article> articles = new ArrayList<>();
        for (Row row : archive.collectAsList()) {
            articles.add(Article.of(row.getString(0), "", row.getString(1)));
        }
        Timed bare = new Timed(LocalClassifier.load(Path.of(modelFile)));
        Path out = work.resolve("classify-share-out");
        for (int round = 0; round <= rounds; round++) {
            SparkBench.deleteRecursively(out);
            tasks.reset(System.nanoTime());
            CLASSIFY_NANOS.set(0);
            Backfill.builder(classifier).output(out.toString()).build().run(archive);
            double inTasks = CLASSIFY_NANOS.get() / 1e9;
            double taskCpu = tasks.cpuSeconds();
            CLASSIFY_NANOS.set(0);
            for (int from = 0; from < articles.size(); from += 512) {
                bare.classifyAll(articles.subList(from, Math.min(articles.size(), from + 512)));
            }
            double alone = CLASSIFY_NANOS.get() / 1e9;
            SparkBench.out("round %d: local[2] backfill task CPU %.2f s, of which classifyAll %.2f s (%.0f%%), the"
                            + " rest %.2f s (%.2f us per row); bare thread classifyAll %.2f s; classifyAll in the tasks"
                            + " against the bare thread: %.2fx", round, taskCpu, inTasks, 100 * inTasks / taskCpu,
                    taskCpu - inTasks, (taskCpu - inTasks) * 1e6 / articles.size(), alone, inTasks / alone);
        }
        spark.stop();
    }

    /** The local classifier, with the thread CPU its classifyAll calls take added up. */
    private static final class Timed implements Classifier {
        private final LocalClassifier classifier;

        Timed(LocalClassifier classifier) {
            this.classifier = classifier;
        }

        @Override
        public Prediction classify(Article article) {
            return classifier.classify(article);
        }

        @Override
        public List<Outcome> classifyAll(List<Article> articles) {
            long started = THREADS.getCurrentThreadCpuTime();
            List<Outcome> outcomes = classifier.classifyAll(articles);
            CLASSIFY_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
            return outcomes;
        }

        @Override
        public Taxonomy taxonomy() {
            return classifier.taxonomy();
        }
    }
}
