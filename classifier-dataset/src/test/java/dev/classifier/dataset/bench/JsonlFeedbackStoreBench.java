package dev.classifier.dataset.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.dataset.JsonlFeedbackStore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes and reads a million feedback records through {@link JsonlFeedbackStore} and prints, each against a peer run
 * in the same process: read MB/s against a raw Jackson streaming read of the same file (target >= 0.8x), the disk's
 * fsync latency, and durable appends/s with 1 and 8 threads against a naive write-and-force-per-record loop
 * (target: group commit >= 3x the naive loop at 8 threads).
 *
 * <p>Arguments: {@code [records (1000000)] [directory (bench/out/feedback-store)] [seconds per append run (4)]}.
 */
public final class JsonlFeedbackStoreBench {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] TITLES = {"央行宣布下调存款准备金率", "Central bank cuts reserve ratio",
        "新能源汽车销量再创新高", "Champions League final ends in penalties", "人工智能芯片出口管制升级",
        "Heavy rain floods southern provinces"};
    private static final String TEXT = "中国人民银行今日宣布，自下月起下调金融机构存款准备金率0.5个百分点，释放长期资金约一万亿元。"
            + "Analysts said the move would support lending to small firms as growth slows. "
            + "市场人士认为，此举有助于稳定市场预期，提振消费和投资信心。";
    private static final String[] LABELS = {"经济", "体育", "科技", "社会", "政治"};

    private JsonlFeedbackStoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Path.of(args.length > 1 ? args[1] : "bench/out/feedback-store");
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Files.createDirectories(dir);
        Path file = dir.resolve("feedback-1m.jsonl");
        deleteStoreFiles(file);

        System.out.printf(Locale.ROOT, "JsonlFeedbackStore benchmark: %,d records, %s, %d cores, max heap %d MB%n",
                records, file, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        write(file, records);
        read(file, records);
        deleteStoreFiles(file);
        appends(dir, seconds);
    }

    // ---- write and read a million ------------------------------------------------------------------------

    private static void write(Path file, int records) {
        long start = System.nanoTime();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            SplittableRandom random = new SplittableRandom(42);
            List<Feedback> batch = new ArrayList<>(10_000);
            for (int i = 0; i < records; i++) {
                batch.add(feedback(random, i));
                if (batch.size() == 10_000 || i == records - 1) {
                    store.addAll(batch);
                    batch.clear();
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = size(file);
        System.out.printf(Locale.ROOT, "write: addAll in batches of 10,000: %.1f s, %,.0f records/s, %.1f MB/s, file %.1f MB%n",
                seconds, records / seconds, mb(bytes) / seconds, mb(bytes));
    }

    private static void read(Path file, int records) {
        long bytes = size(file);
        double raw = 0;
        double open = 0;
        double stream = 0;
        long heapForIndex = 0;
        for (int round = 0; round < 5; round++) { // the first round warms the JIT up; the best round counts
            raw = Math.max(raw, mb(bytes) / timed(() -> rawJacksonRead(file)));
            long heapBefore = usedHeapAfterGc();
            long[] opened = new long[1];
            JsonlFeedbackStore[] store = new JsonlFeedbackStore[1];
            open = Math.max(open, mb(bytes) / timed(() -> {
                store[0] = JsonlFeedbackStore.open(file);
                opened[0] = store[0].size();
            }));
            heapForIndex = usedHeapAfterGc() - heapBefore;
            try (JsonlFeedbackStore s = store[0]) {
                check(opened[0] == records, "open saw " + opened[0] + " records");
                stream = Math.max(stream, mb(bytes) / timed(() -> {
                    try (Stream<Feedback> all = s.stream()) {
                        long n = all.filter(f -> !f.article().body().isEmpty()).count();
                        check(n == records, "stream read " + n + " records");
                    }
                }));
                check(s.recent(10).size() == 10, "recent(10)");
            }
        }
        System.out.printf(Locale.ROOT, "read, raw Jackson streaming parse of the file (peer): %7.1f MB/s%n", raw);
        System.out.printf(Locale.ROOT, "read, store stream() of every record:                 %7.1f MB/s = %.2fx raw (target >= 0.8x)%n",
                stream, stream / raw);
        System.out.printf(Locale.ROOT, "read, store open (checks every line, builds index):   %7.1f MB/s = %.2fx raw%n",
                open, open / raw);
        System.out.printf(Locale.ROOT, "heap held by the open store's index: %.1f MB for %,d records (%.0f bytes each)%n",
                mb(heapForIndex), records, (double) heapForIndex / records);
    }

    /** The peer: one Jackson streaming parser over the whole file, materialising every string as the store must. */
    private static void rawJacksonRead(Path file) {
        long objects = 0;
        long chars = 0;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.VALUE_STRING) {
                    chars += p.getText().length();
                } else if (t == JsonToken.START_OBJECT && p.getParsingContext().getParent().inRoot()) {
                    objects++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        check(objects > 0 && chars > 0, "raw read found nothing");
    }

    // ---- durable appends ----------------------------------------------------------------------------------

    private static void appends(Path dir, int seconds) throws Exception {
        long[] latencies = fsyncLatencies(dir.resolve("fsync-probe.bin"), 300);
        System.out.printf(Locale.ROOT, "fsync latency (append 600 bytes + force): median %d us, p90 %d us, p99 %d us%n",
                latencies[latencies.length / 2] / 1000, latencies[latencies.length * 9 / 10] / 1000,
                latencies[latencies.length * 99 / 100] / 1000);
        for (int threads : new int[] {1, 8}) {
            double naive = naiveAppendsPerSecond(dir.resolve("naive.jsonl"), threads, seconds);
            double group = storeAppendsPerSecond(dir.resolve("group.jsonl"), threads, seconds);
            System.out.printf(Locale.ROOT, "durable appends/s, %d thread%s: naive force-per-record %,8.0f/s, store group commit %,8.0f/s = %.1fx%s%n",
                    threads, threads == 1 ? " " : "s", naive, group, group / naive, threads == 8 ? " (target >= 3x)" : "");
        }
    }

    private static long[] fsyncLatencies(Path probe, int n) throws IOException {
        byte[] line = encodeNaively(feedback(new SplittableRandom(7), 0));
        long[] latencies = new long[n];
        try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                channel.write(ByteBuffer.wrap(line, 0, Math.min(600, line.length)));
                channel.force(false);
                latencies[i] = System.nanoTime() - start;
            }
        } finally {
            Files.deleteIfExists(probe);
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** The peer: each thread encodes its record, then writes and forces it alone under one lock. */
    private static double naiveAppendsPerSecond(Path file, int threads, int seconds) throws Exception {
        Files.deleteIfExists(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            return perSecond(threads, seconds, (random, i) -> {
                byte[] line = encodeNaively(feedback(random, i));
                synchronized (channel) {
                    ByteBuffer buffer = ByteBuffer.wrap(line);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(false);
                }
            });
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static double storeAppendsPerSecond(Path file, int threads, int seconds) throws Exception {
        deleteStoreFiles(file);
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            double rate = perSecond(threads, seconds, (random, i) -> store.add(feedback(random, i)));
            check(store.size() > 0, "nothing stored");
            return rate;
        } finally {
            deleteStoreFiles(file);
        }
    }

    private interface Append {
        void run(SplittableRandom random, int i) throws IOException;
    }

    /** Runs {@code threads} appenders for about {@code seconds}; returns appends completed per second. */
    private static double perSecond(int threads, int seconds, Append append) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(thread);
                try {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        append.run(random, thread * 10_000_000 + i);
                        done.incrementAndGet();
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("an appender failed", failures.get(0));
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    // ---- data ---------------------------------------------------------------------------------------------

    /** A news article of 150 to 500 characters, Chinese and English, with a correction and a reason. */
    private static Feedback feedback(SplittableRandom random, int i) {
        int from = random.nextInt(TEXT.length() / 2);
        String body = TEXT.substring(from) + TEXT.substring(0, random.nextInt(TEXT.length() / 2, TEXT.length()));
        String title = TITLES[random.nextInt(TITLES.length)];
        Article article = new Article("article-" + i, title, body, Map.of("source", i % 2 == 0 ? "新华社" : "Reuters",
                "url", "https://news.example.com/" + i));
        String label = LABELS[random.nextInt(LABELS.length)];
        String predicted = LABELS[random.nextInt(LABELS.length)];
        return new Feedback(String.format("fb-%08d", i), article, label, Optional.of(predicted),
                "标题和正文都在讲 " + label, Optional.of("3f9a1c0d5e7b2a64"),
                Instant.ofEpochMilli(1_764_000_000_000L + i * 1000L));
    }

    /** The naive peer's line: the same fields, written with Jackson's generator. */
    private static byte[] encodeNaively(Feedback f) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("v", 1);
            g.writeStringField("op", "add");
            g.writeStringField("id", f.id());
            g.writeObjectFieldStart("article");
            g.writeStringField("id", f.article().id());
            g.writeStringField("title", f.article().title());
            g.writeStringField("body", f.article().body());
            g.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> e : f.article().metadata().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeStringField("label", f.label());
            g.writeStringField("reason", f.reason());
            g.writeStringField("created_at", f.createdAt().toString());
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private interface Work {
        void run() throws Exception;
    }

    private static double timed(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark check failed: " + what);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private static void deleteStoreFiles(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
    }
}
