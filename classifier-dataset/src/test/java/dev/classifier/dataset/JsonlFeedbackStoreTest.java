package dev.classifier.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonlFeedbackStoreTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("feedback.jsonl");
    }

    private static Feedback feedback(String id) {
        return new Feedback(id, new Article("a-" + id, "标题 " + id, "正文 body " + id, Map.of("k", id)), "经济",
                Optional.of("政治"), "reason " + id, Optional.empty(), Instant.parse("2026-02-03T04:05:06.789Z"));
    }

    private static String line(Feedback f) {
        return new String(FeedbackLineCodec.encode(new FeedbackLine.Added(f)), StandardCharsets.UTF_8);
    }

    private static List<String> ids(List<Feedback> feedback) {
        return feedback.stream().map(Feedback::id).toList();
    }

    private void write(String... lines) throws IOException {
        Files.writeString(file(), String.join("", lines));
    }

    // ---- the file -----------------------------------------------------------------------------------------

    @Test
    void eachChangeIsOneVersionedLineAndItsSequenceIsItsPlaceInTheFile() throws Exception {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            store.add(feedback("a"));
            store.add(feedback("b"));
            store.retract("a");
        }
        List<String> lines = Files.readAllLines(file());
        ObjectMapper mapper = new ObjectMapper();

        assertThat(lines).hasSize(3);
        assertThat(lines).allSatisfy(l -> assertThat(mapper.readTree(l).get("v").asInt()).isEqualTo(1));
        assertThat(lines).extracting(l -> mapper.readTree(l).get("op").asText() + " " + mapper.readTree(l).get("id").asText())
                .containsExactly("add a", "add b", "retract a");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.changes(0)).extracting(c -> c.sequence() + " " + c.kind() + " " + c.feedback().id())
                    .containsExactly("1 ADDED a", "2 ADDED b", "3 RETRACTED a");
        }
    }

    @Test
    void aNewStoreCreatesItsFileAndDirectories() {
        Path nested = dir.resolve("x/y/feedback.jsonl");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(nested)) {
            assertThat(nested).exists().isEmptyFile();
            assertThat(store.size()).isZero();
            assertThat(store.file()).isEqualTo(nested);
        }
    }

    @Test
    void repeatedAndDanglingLinesOfAHandEditedFileChangeNothing() throws Exception {
        Feedback x = feedback("x");
        write(line(x), "\n", line(feedback("x").withLabel("体育")),
                "{\"v\":1,\"op\":\"retract\",\"id\":\"nobody\",\"at\":\"2026-01-01T00:00:00Z\"}\n",
                "{\"v\":1,\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"}\n",
                "{\"v\":1,\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-02T00:00:00Z\"}\n");

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.changes(0)).containsExactly(new FeedbackChange(1, FeedbackChange.Kind.ADDED, x),
                    new FeedbackChange(2, FeedbackChange.Kind.RETRACTED, x));
            assertThat(store.problems()).isEmpty();
        }
    }

    @Test
    void idsThatShareAHashAreStillToldApart() throws Exception {
        Map<Integer, String> byTag = new java.util.HashMap<>();
        String first = null;
        String second = null;
        for (int i = 0; second == null; i++) {
            String id = "id-" + i;
            String earlier = byTag.putIfAbsent(JsonlFeedbackStoreIndex.tag(id), id);
            if (earlier != null) {
                first = earlier;
                second = id;
            }
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            store.add(feedback(first));

            assertThat(store.add(feedback(second))).isEqualTo(feedback(second));
            assertThat(store.add(feedback(first).withLabel("体育"))).isEqualTo(feedback(first));
            assertThat(store.retract(second)).isTrue();
            assertThat(ids(store.recent(5))).containsExactly(first);
            assertThat(store.lastSequence()).isEqualTo(3);
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.changes(0)).extracting(c -> c.kind() + " " + c.feedback().id())
                    .containsExactly("ADDED " + first, "ADDED " + second, "RETRACTED " + second);
        }
    }

    // ---- bad and torn lines ------------------------------------------------------------------------------

    @Test
    void aBadLineInTheMiddleIsAnErrorNamingTheFileTheLineAndTheProblem() throws Exception {
        write(line(feedback("a")), "{\"v\":1,\"op\":\"add\",\"id\":\"b\"}\n", line(feedback("c")));

        assertThatThrownBy(() -> JsonlFeedbackStore.open(file()))
                .isInstanceOfSatisfying(FeedbackLineException.class, e -> {
                    assertThat(e.file()).isEqualTo(file());
                    assertThat(e.lineNumber()).isEqualTo(2);
                    assertThat(e.problem()).isEqualTo("missing field \"article\"");
                })
                .hasMessageStartingWith(file() + " line 2: missing field \"article\". Repair or remove the line, or open"
                        + " the store with JsonlFeedbackStore.builder(file).tolerant(true)");
        assertThat(writerThreads()).isZero();
    }

    @Test
    void tolerantOpenSkipsBadLinesReportsThemAndKeepsTheRest() throws Exception {
        write(line(feedback("a")), "not json at all\n", line(feedback("c")),
                "{\"v\":3,\"op\":\"add\",\"id\":\"d\"}\n", line(feedback("e")));

        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).tolerant(true).open()) {
            assertThat(store.problems()).extracting(FeedbackLineProblem::kind, FeedbackLineProblem::lineNumber)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(FeedbackLineProblem.Kind.BAD_LINE_SKIPPED, 2L),
                            org.assertj.core.groups.Tuple.tuple(FeedbackLineProblem.Kind.BAD_LINE_SKIPPED, 4L));
            assertThat(store.problems().get(0).detail()).startsWith("invalid JSON");
            assertThat(store.problems().get(1).detail()).contains("schema version 3 is not supported");
            assertThat(store.problems().get(1).offset())
                    .isEqualTo((line(feedback("a")) + "not json at all\n" + line(feedback("c"))).getBytes(StandardCharsets.UTF_8).length);
            assertThat(store.changes(0)).extracting(FeedbackChange::sequence, c -> c.feedback().id())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, "a"),
                            org.assertj.core.groups.Tuple.tuple(2L, "c"), org.assertj.core.groups.Tuple.tuple(3L, "e"));
            store.add(feedback("f"));
            assertThat(store.lastSequence()).isEqualTo(4);
        }
    }

    @Test
    void aTornLastLineIsSetAsideOnOpenAndTheStoreTakesNewRecords() throws Exception {
        String whole = line(feedback("a")) + line(feedback("b"));
        String torn = line(feedback("c")).substring(0, 40);
        write(whole, torn);

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(FeedbackLineProblem.Kind.TORN_TAIL_SET_ASIDE);
                assertThat(p.lineNumber()).isEqualTo(3);
                assertThat(p.offset()).isEqualTo(whole.getBytes(StandardCharsets.UTF_8).length);
                assertThat(p.sideFile()).hasValueSatisfying(side -> assertThat(side).hasContent(torn));
            });
            assertThat(file()).hasContent(whole);
            assertThat(ids(store.recent(5))).containsExactly("b", "a");
            store.add(feedback("d"));
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.problems()).isEmpty();
            assertThat(ids(store.recent(5))).containsExactly("d", "b", "a");
        }
    }

    @Test
    void aLiveWriterSetsAsideTheTornTailADeadWriterLeftBeforeAppending() throws Exception {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            store.add(feedback("a"));
            String torn = line(feedback("dead")).substring(0, 50);
            Files.writeString(file(), torn, StandardOpenOption.APPEND); // another process died mid-line

            store.add(feedback("b"));

            assertThat(store.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(FeedbackLineProblem.Kind.TORN_TAIL_SET_ASIDE);
                assertThat(p.lineNumber()).isEqualTo(2);
                assertThat(p.sideFile()).hasValueSatisfying(side -> assertThat(side).hasContent(torn));
            });
            assertThat(file()).hasContent(line(feedback("a")) + line(feedback("b")));
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(ids(store.recent(5))).containsExactly("b", "a");
        }
    }

    @Test
    void aReaderLeavesAnUnfinishedLineAloneUntilItIsWhole() throws Exception {
        try (JsonlFeedbackStore writer = JsonlFeedbackStore.open(file());
             JsonlFeedbackStore reader = JsonlFeedbackStore.open(file())) {
            writer.add(feedback("a"));
            assertThat(reader.lastSequence()).isEqualTo(1);
            assertThat(reader.size()).isEqualTo(1);
        }
    }

    // ---- reading only what is needed ---------------------------------------------------------------------

    @Test
    void aReaderCatchesUpByReadingOnlyTheBytesAppendedSinceItsLastOffset() throws Exception {
        try (JsonlFeedbackStore writer = JsonlFeedbackStore.open(file())) {
            List<Feedback> many = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                many.add(feedback("old-" + i));
            }
            writer.addAll(many);
            try (JsonlFeedbackStore reader = JsonlFeedbackStore.open(file())) {
                assertThat(reader.lastSequence()).isEqualTo(200);
                long before = reader.bytesRead();

                Feedback fresh = feedback("fresh");
                writer.add(fresh);

                assertThat(reader.lastSequence()).isEqualTo(201);
                assertThat(reader.bytesRead() - before).isEqualTo(line(fresh).getBytes(StandardCharsets.UTF_8).length);
                assertThat(reader.changes(200)).containsExactly(new FeedbackChange(201, FeedbackChange.Kind.ADDED, fresh));
                long unchanged = reader.bytesRead();
                assertThat(reader.lastSequence()).isEqualTo(201);
                assertThat(reader.bytesRead()).as("nothing new, nothing read").isEqualTo(unchanged);
            }
        }
    }

    @Test
    void recentAndAfterReadOnlyTheLinesTheyReturn() throws Exception {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            List<Feedback> many = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                many.add(feedback(String.format("f-%03d", i)));
            }
            store.addAll(many);
            long lineBytes = line(many.get(0)).getBytes(StandardCharsets.UTF_8).length; // all are the same length

            long before = store.bytesRead();
            assertThat(ids(store.recent(3))).containsExactly("f-299", "f-298", "f-297");
            assertThat(store.bytesRead() - before).isEqualTo(3 * lineBytes);

            before = store.bytesRead();
            assertThat(ids(store.after(296))).containsExactly("f-296", "f-297", "f-298", "f-299");
            assertThat(store.bytesRead() - before).isEqualTo(4 * lineBytes);
            assertThat(Files.size(file())).isEqualTo(300 * lineBytes);
        }
    }

    // ---- durability --------------------------------------------------------------------------------------

    @Test
    @Timeout(60)
    void addReturnsOnlyAfterItsLineIsWrittenAndSynced() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> fileAtSync = new ArrayList<>();
        JsonlFeedbackStore.Syncer spy = channel -> {
            fileAtSync.add(Files.readString(file()));
            syncing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            channel.force(false);
        };
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).syncer(spy).open()) {
            Feedback f = feedback("durable");
            Future<Feedback> add = caller.submit(() -> store.add(f));

            assertThat(syncing.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(fileAtSync).singleElement().isEqualTo(line(f)); // written before the sync
            assertThatThrownBy(() -> add.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(add).isNotDone(); // the sync has not finished, so add has not returned

            release.countDown();
            assertThat(add.get(30, TimeUnit.SECONDS)).isEqualTo(f);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void aFailedSyncFailsTheAddAndLeavesNoTraceOfIt() throws Exception {
        AtomicBoolean failing = new AtomicBoolean();
        JsonlFeedbackStore.Syncer flaky = channel -> {
            if (failing.get()) {
                throw new IOException("disk on fire");
            }
            channel.force(false);
        };
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).syncer(flaky).open()) {
            store.add(feedback("a"));
            long size = Files.size(file());
            failing.set(true);

            assertThatThrownBy(() -> store.add(feedback("lost")))
                    .isInstanceOf(FeedbackStoreException.class).hasMessageContaining(file().toString())
                    .hasMessageContaining("disk on fire");
            failing.set(false);

            assertThat(Files.size(file())).isEqualTo(size);
            assertThat(store.lastSequence()).isEqualTo(1);
            store.add(feedback("b"));
            assertThat(ids(store.recent(5))).containsExactly("b", "a");
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(ids(store.recent(5))).containsExactly("b", "a");
        }
    }

    @Test
    @Timeout(120)
    void concurrentAddsShareSyncs() throws Exception {
        AtomicInteger syncs = new AtomicInteger();
        JsonlFeedbackStore.Syncer slowDisk = channel -> {
            syncs.incrementAndGet();
            channel.force(false);
            try {
                Thread.sleep(2); // a slower disk, so that adds queue up behind a sync
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        };
        int threads = 8;
        int each = 25;
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).syncer(slowDisk).open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            store.add(feedback(thread + "-" + i));
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(store.size()).isEqualTo(threads * each);
        }
        assertThat(syncs.get()).as("syncs for %d adds", threads * each).isLessThanOrEqualTo(threads * each / 2);
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(store.size()).isEqualTo(threads * each);
        }
    }

    @Test
    void addAllIsOneWriteAndOneSync() {
        AtomicInteger syncs = new AtomicInteger();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file())
                .syncer(channel -> {
                    syncs.incrementAndGet();
                    channel.force(false);
                }).open()) {
            List<Feedback> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(feedback("batch-" + i));
            }
            store.addAll(batch);

            assertThat(syncs.get()).isEqualTo(1);
            assertThat(store.size()).isEqualTo(100);
        }
    }

    // ---- several stores on one file in one JVM -----------------------------------------------------------

    @Test
    @Timeout(120)
    @SuppressWarnings("try") // closes the first store inside its try on purpose: the second must keep the lock
    void twoStoresOfOneJvmOnOneFileShareTheLockAndAgree() throws Exception {
        try (JsonlFeedbackStore first = JsonlFeedbackStore.open(file());
             JsonlFeedbackStore second = JsonlFeedbackStore.open(file())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    JsonlFeedbackStore store = t % 2 == 0 ? first : second;
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            store.add(feedback(thread + "-" + i));
                        }
                    }));
                }
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(first.lastSequence()).isEqualTo(160);
            assertThat(second.changes(0)).isEqualTo(first.changes(0));

            first.close(); // must not drop the lock the second still uses
            second.add(feedback("after"));
            try (JsonlFeedbackStore third = JsonlFeedbackStore.open(file())) {
                assertThat(third.lastSequence()).isEqualTo(161);
            }
        }
    }

    @Test
    void closingStopsTheWriterThreadAndRefusesWork() {
        JsonlFeedbackStore store = JsonlFeedbackStore.open(file());
        assertThat(writerThreads()).isEqualTo(1);
        store.close();
        store.close();
        assertThat(writerThreads()).isZero();
        assertThatThrownBy(() -> store.add(feedback("late"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static long writerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("jsonl-feedback-store-writer") && t.isAlive()).count();
    }
}
