package dev.classifier.store.jdbc.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.store.jdbc.JdbcFeedbackStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The feedback stores side by side (JSONL, SQLite, PostgreSQL): durable adds per second with 1 and 8 threads, the time to fill each to a
 * million rows, and then the latency of recent(20) and of reading the newest page of the change feed.
 * Every store runs the same steps in this one JVM; ratios are against the first store of the table.
 *
 * <p>Usage: {@code StoresBench [rows=1000000] [secondsPerAddRun=5]}. PostgreSQL runs where CLASSIFIER_PG_URL is
 * set (in a schema of its own, dropped after).
 */
public final class StoresBench {

    private static final int FILL_BATCH = 10_000;
    private static final int LATENCY_CALLS = 2_000;
    private static final String BODY = "国务院常务会议今天召开，部署进一步稳定就业的措施，要求各地落实减税降费政策，"
            + "支持中小企业和个体工商户渡过难关。会议指出，就业是最大的民生。 The State Council met today on jobs: "
            + "tax relief for small firms, support for graduates, and faster payment of unemployment insurance.";

    private StoresBench() {
    }

    /** One store under test: how to open it, and how to remove it after. */
    private record Subject(String name, Supplier<FeedbackStore> open, Runnable cleanUp, Supplier<String> size) {
    }

    /** What was measured for one store. */
    private record Figures(double adds1, double adds8, double fillPerSecond, double reopenMs, double recentMedianUs,
                           double recentP99Us, double feedMedianUs, String size) {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("stores-bench");
        List<Subject> subjects = new ArrayList<>();
        subjects.add(jsonl(dir));
        subjects.add(sqlite(dir));
        postgres().ifPresent(subjects::add);

        System.out.printf(Locale.ROOT, "stores benchmark: %,d rows, %d s per add run, %d cores, Java %s%n", rows,
                seconds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Map<String, Figures> results = new LinkedHashMap<>();
        for (Subject subject : subjects) {
            try {
                results.put(subject.name(), measure(subject, rows, seconds));
            } finally {
                subject.cleanUp().run();
            }
        }
        print(results, rows);
        deleteTree(dir);
    }

    private static Figures measure(Subject subject, int rows, int seconds) throws Exception {
        System.out.printf("%n== %s%n", subject.name());
        double adds1;
        double adds8;
        double fill;
        try (FeedbackStore store = subject.open().get()) {
            adds1 = addsPerSecond(store, 1, seconds);
            System.out.printf(Locale.ROOT, "  adds/s, 1 thread:  %,.0f%n", adds1);
            adds8 = addsPerSecond(store, 8, seconds);
            System.out.printf(Locale.ROOT, "  adds/s, 8 threads: %,.0f%n", adds8);

            long start = System.nanoTime();
            int have = store.size();
            while (have < rows) {
                int n = Math.min(FILL_BATCH, rows - have);
                List<Feedback> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(feedback(have + i));
                }
                store.addAll(batch);
                have += n;
            }
            fill = rows / ((System.nanoTime() - start) / 1e9);
            System.out.printf(Locale.ROOT, "  filled to %,d rows at %,.0f rows/s (addAll of %,d)%n", store.size(),
                    fill, FILL_BATCH);
        }

        long reopening = System.nanoTime();
        try (FeedbackStore store = subject.open().get()) {
            check(store.recent(20).size() == 20, "recent(20) after reopening");
            double reopenMs = (System.nanoTime() - reopening) / 1e6;
            System.out.printf(Locale.ROOT, "  reopen + first recent(20): %,.0f ms%n", reopenMs);

            double[] recent = latenciesUs(() -> check(store.recent(20).size() == 20, "recent(20)"));
            System.out.printf(Locale.ROOT, "  recent(20): median %.0f us, p99 %.0f us%n", percentile(recent, 50),
                    percentile(recent, 99));
            double[] feed = latenciesUs(() -> check(store.changes(store.lastSequence() - 20).size() == 20,
                    "changes(last - 20)"));
            System.out.printf(Locale.ROOT, "  lastSequence + changes(last - 20): median %.0f us%n", percentile(feed, 50));
            return new Figures(adds1, adds8, fill, reopenMs, percentile(recent, 50), percentile(recent, 99),
                    percentile(feed, 50), subject.size().get());
        }
    }

    /** Durable single adds from {@code threads} threads for {@code seconds}. */
    private static double addsPerSecond(FeedbackStore store, int threads, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong added = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<Thread> workers = new ArrayList<>();
        AtomicLong next = new AtomicLong(10_000_000L * threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    while (running.get()) {
                        store.add(feedback(next.incrementAndGet()));
                        added.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.await();
        long began = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        return added.get() / ((System.nanoTime() - began) / 1e9);
    }

    private static double[] latenciesUs(Runnable call) {
        for (int i = 0; i < LATENCY_CALLS / 4; i++) {
            call.run(); // warm up the JIT and the caches
        }
        double[] us = new double[LATENCY_CALLS];
        for (int i = 0; i < us.length; i++) {
            long start = System.nanoTime();
            call.run();
            us[i] = (System.nanoTime() - start) / 1e3;
        }
        Arrays.sort(us);
        return us;
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what + " returned the wrong number of items");
        }
    }

    private static Feedback feedback(long n) {
        Article article = new Article("article-" + n, "稳就业措施 " + n, BODY,
                Map.of("source", "新华社", "lang", "zh", "url", "https://example.org/news/" + n));
        return Feedback.correction(article).from("经济").to("政治").because("会议讲的是政府政策 #" + n);
    }

    private static void print(Map<String, Figures> results, int rows) {
        String peerName = results.keySet().iterator().next();
        Figures peer = results.get(peerName);
        System.out.printf(Locale.ROOT, "%n%-11s %13s %13s %15s %16s %15s %15s %15s %9s%n", "store", "adds/s 1t",
                "adds/s 8t", "fill rows/s", "reopen", "recent(20) med", "recent(20) p99", "feed page med", "size");
        for (Map.Entry<String, Figures> e : results.entrySet()) {
            Figures f = e.getValue();
            System.out.printf(Locale.ROOT, "%-11s %13s %13s %15s %16s %15s %15s %15s %9s%n", e.getKey(),
                    withRatio(f.adds1(), peer.adds1(), "%,.0f"), withRatio(f.adds8(), peer.adds8(), "%,.0f"),
                    withRatio(f.fillPerSecond(), peer.fillPerSecond(), "%,.0f"),
                    withRatio(f.reopenMs(), peer.reopenMs(), "%,.0f ms"),
                    withRatio(f.recentMedianUs(), peer.recentMedianUs(), "%.0f us"),
                    withRatio(f.recentP99Us(), peer.recentP99Us(), "%.0f us"),
                    withRatio(f.feedMedianUs(), peer.feedMedianUs(), "%.0f us"), f.size());
        }
        System.out.printf(Locale.ROOT, "(x = ratio to %s; latencies at %,d rows)%n", peerName, rows);
    }

    private static String withRatio(double value, double peer, String format) {
        return String.format(Locale.ROOT, format, value) + String.format(Locale.ROOT, " %.2fx", value / peer);
    }

    // ---- the stores ----------------------------------------------------------------------------------------

    private static Subject jsonl(Path dir) {
        Path file = dir.resolve("feedback.jsonl");
        return new Subject("JSONL", () -> JsonlFeedbackStore.open(file), () -> {
        }, () -> megabytes(file));
    }

    private static Subject sqlite(Path dir) {
        Path file = dir.resolve("feedback.db");
        return new Subject("SQLite", () -> JdbcFeedbackStore.sqlite(file), () -> {
        }, () -> megabytes(file, dir.resolve("feedback.db-wal")));
    }

    private static Optional<Subject> postgres() throws SQLException {
        String server = System.getenv("CLASSIFIER_PG_URL");
        if (server == null || server.isBlank()) {
            System.out.println("CLASSIFIER_PG_URL is not set: PostgreSQL left out (source .ci/postgres.sh)");
            return Optional.empty();
        }
        String schema = "bench_" + Long.toHexString(System.nanoTime());
        execute(server, "CREATE SCHEMA " + schema);
        String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Optional.of(new Subject("PostgreSQL", () -> JdbcFeedbackStore.open(url),
                () -> execute(server, "DROP SCHEMA " + schema + " CASCADE"),
                () -> postgresSize(url)));
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static String postgresSize(String url) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT pg_total_relation_size('classifier_feedback')"
                     + " + pg_total_relation_size('classifier_changes')")) {
            rows.next();
            return String.format(Locale.ROOT, "%,d MB", rows.getLong(1) / (1024 * 1024));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String megabytes(Path... files) {
        long bytes = 0;
        for (Path file : files) {
            try {
                bytes += Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.format(Locale.ROOT, "%,d MB", bytes / (1024 * 1024));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
