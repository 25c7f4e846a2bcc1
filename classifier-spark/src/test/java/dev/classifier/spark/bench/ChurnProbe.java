package dev.classifier.spark.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Why classifyAll costs more CPU inside a Spark task than on a bare thread: the bare thread over the bench's rows,
 * timing only the classifyAll calls, once as it is and once with the memory traffic of Spark's side of a backfill
 * between the batches (fresh buffers written and read, as many bytes per row as the task threads allocate besides
 * classifyAll). If the classifying gets dearer with the traffic, the model's data is being pushed out of the caches
 * by it. Arguments: work-dir (bench/out/spark) rounds bytes-per-row.
 */
public final class ChurnProbe {

    private static final int BATCH = 512;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long sink;

    private ChurnProbe() {
    }

    public static void main(String[] args) throws java.io.IOException {
        Path work = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int bytesPerRow = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate();
        List<Article> articles = new ArrayList<>();
        for (Row row : spark.read().parquet(work.resolve("spark-bench-input.parquet").toString()).collectAsList()) {
            articles.add(Article.of(row.getString(0), "", row.getString(1)));
        }
        spark.stop();
        LocalClassifier classifier = LocalClassifier.load(work.resolve("spark-bench.model"));
        for (int round = 0; round <= rounds; round++) {
            double plain = classifyCpu(classifier, articles, 0);
            double churned = classifyCpu(classifier, articles, bytesPerRow);
            SparkBench.out("round %d: classifyAll CPU %.2f s alone, %.2f s with %d bytes per row of other traffic"
                    + " between batches: %.2fx", round, plain, churned, bytesPerRow, churned / plain);
        }
        SparkBench.out("(checksum %d)", sink);
    }

    /** Thread CPU seconds spent inside classifyAll, with {@code bytesPerRow} of traffic after each batch. */
    private static double classifyCpu(Classifier classifier, List<Article> articles, int bytesPerRow) {
        long inside = 0;
        for (int from = 0; from < articles.size(); from += BATCH) {
            List<Article> batch = articles.subList(from, Math.min(articles.size(), from + BATCH));
            long started = THREADS.getCurrentThreadCpuTime();
            sink += classifier.classifyAll(batch).size();
            inside += THREADS.getCurrentThreadCpuTime() - started;
            if (bytesPerRow > 0) {
                traffic(batch.size() * bytesPerRow);
            }
        }
        return inside / 1e9;
    }

    /** Fresh buffers of 64 KB, written and read, {@code bytes} in all: what allocation does to the caches. */
    private static void traffic(int bytes) {
        for (int done = 0; done < bytes; done += 65_536) {
            byte[] buffer = new byte[65_536];
            for (int i = 0; i < buffer.length; i += 64) {
                buffer[i] = (byte) i;
            }
            sink += buffer[(done >> 6) & 0xFFFF];
        }
    }
}
