package dev.classifier.store.jdbc;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on separate store instances (as separate processes would be) and a follower reading the change feed
 * from the last sequence it saw. Sequences given out of commit order would show here: the follower would read a
 * number past one that commits later, and either see a gap or never see that change.
 */
class ConcurrentWritersTest {

    private static final int WRITERS = 6;
    private static final int ROUNDS = 15;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    @Timeout(180)
    void aFollowerOfTheChangeFeedSeesEveryChangeOnceInOrderWhileWritersRace(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir)) {
            db.open().close(); // tables first, so writers start together
            Set<String> acknowledgedAdds = ConcurrentHashMap.newKeySet();
            Set<String> acknowledgedRetracts = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            List<JdbcFeedbackStore> stores = new ArrayList<>();
            try {
                JdbcFeedbackStore followerStore = db.open();
                stores.add(followerStore);
                Future<List<FeedbackChange>> follower = pool.submit(() -> follow(followerStore, writing));
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    JdbcFeedbackStore store = db.open();
                    stores.add(store);
                    int writer = w;
                    writers.add(pool.submit((Callable<Void>) () -> {
                        write(store, writer, acknowledgedAdds, acknowledgedRetracts);
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
                writing.set(false);
                List<FeedbackChange> seen = follower.get();

                Set<String> seenAdds = new HashSet<>();
                Set<String> seenRetracts = new HashSet<>();
                for (FeedbackChange change : seen) {
                    Set<String> into = change.kind() == FeedbackChange.Kind.ADDED ? seenAdds : seenRetracts;
                    assertThat(into.add(change.feedback().id())).as("seen once: " + change).isTrue();
                }
                assertThat(seenAdds).isEqualTo(acknowledgedAdds);
                assertThat(seenRetracts).isEqualTo(acknowledgedRetracts);
                assertThat(followerStore.lastSequence()).isEqualTo(seen.size());
                assertThat(followerStore.size()).isEqualTo(acknowledgedAdds.size() - acknowledgedRetracts.size());
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
                stores.forEach(JdbcFeedbackStore::close);
            }
        }
    }

    /** Single adds, batches and retractions, each acknowledged only once the call returned. */
    private static void write(JdbcFeedbackStore store, int writer, Set<String> adds, Set<String> retracts) {
        for (int round = 0; round < ROUNDS; round++) {
            String id = "w" + writer + "-r" + round;
            store.add(feedback(id));
            adds.add(id);
            List<Feedback> batch = List.of(feedback(id + "-b1"), feedback(id + "-b2"), feedback(id + "-b3"));
            store.addAll(batch);
            batch.forEach(f -> adds.add(f.id()));
            if (round % 3 == 2) {
                assertThat(store.retract(id + "-b2")).isTrue();
                retracts.add(id + "-b2");
            }
        }
    }

    /** Reads the feed a page at a time from the last sequence seen, checking each page continues the one before. */
    private static List<FeedbackChange> follow(JdbcFeedbackStore store, AtomicBoolean writing) {
        List<FeedbackChange> seen = new ArrayList<>();
        long last = 0;
        boolean finalPass = false;
        while (true) {
            boolean stillWriting = writing.get();
            List<FeedbackChange> page = store.changes(last, 7);
            for (FeedbackChange change : page) {
                assertThat(change.sequence()).as("the change after " + last).isEqualTo(last + 1);
                last = change.sequence();
                seen.add(change);
            }
            if (page.isEmpty()) {
                if (finalPass) {
                    return seen;
                }
                finalPass = !stillWriting; // one more empty read after the writers finished
            }
        }
    }

    static final String CHILD_IDS = "child";

    /** Another JVM adding to the same database: see {@link AddingProcess}. */
    static Process startAddingProcess(String url, String prefix, int threads, int perThread) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                AddingProcess.class.getName(), url, prefix, String.valueOf(threads), String.valueOf(perThread))
                .redirectErrorStream(true)
                .start();
    }

    static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
