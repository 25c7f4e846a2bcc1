package dev.classifier.spark.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/** The peers of the Spark job: the same classifier over the rows in memory, on one bare thread and on two. */
final class BareThreads {

    private static final int BATCH = 512;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BareThreads() {
    }

    static double one(Classifier classifier, List<Article> articles) {
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long labelled = classifyInBatches(classifier, articles);
        if (labelled != articles.size()) {
            throw new IllegalStateException(labelled + " of " + articles.size() + " classified");
        }
        double wall = SparkBench.seconds(System.nanoTime() - started);
        SparkBench.out("  one thread: wall %.1f s, thread CPU %.1f s", wall,
                SparkBench.seconds(THREADS.getCurrentThreadCpuTime() - cpuStarted));
        return wall;
    }

    static double two(Classifier classifier, List<Article> articles) throws Exception {
        int half = articles.size() / 2;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            long started = System.nanoTime();
            var first = pool.submit(() -> timed(classifier, articles.subList(0, half)));
            var second = pool.submit(() -> timed(classifier, articles.subList(half, articles.size())));
            long[] a = first.get();
            long[] b = second.get();
            if (a[0] + b[0] != articles.size()) {
                throw new IllegalStateException(a[0] + b[0] + " of " + articles.size() + " classified");
            }
            double wall = SparkBench.seconds(System.nanoTime() - started);
            SparkBench.out("  two threads: wall %.1f s, threads' CPU %.1f s", wall, SparkBench.seconds(a[1] + b[1]));
            return wall;
        } finally {
            pool.shutdown();
        }
    }

    /** Rows classified and the thread's CPU nanoseconds. */
    private static long[] timed(Classifier classifier, List<Article> articles) {
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        long labelled = classifyInBatches(classifier, articles);
        return new long[] {labelled, THREADS.getCurrentThreadCpuTime() - cpuStarted};
    }

    private static long classifyInBatches(Classifier classifier, List<Article> articles) {
        long labelled = 0;
        for (int from = 0; from < articles.size(); from += BATCH) {
            labelled += classifier.classifyAll(articles.subList(from, Math.min(articles.size(), from + BATCH)))
                    .stream().filter(o -> o.isSuccess()).count();
        }
        return labelled;
    }
}
