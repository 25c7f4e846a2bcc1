package dev.classifier.store.jdbc;

import dev.classifier.api.FeedbackChange;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.classifier.store.jdbc.Feedbacks.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** Two other JVMs and this one add to one database at once: nothing acknowledged is lost, every change numbered once. */
class MultiProcessTest {

    private static final int THREADS = 3;
    private static final int PER_THREAD = 15;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    @Timeout(240)
    void processesAndThreadsAddingAtOnceLoseNothing(DatabaseKind kind) throws Exception {
        try (TestDatabase db = kind.create(dir); JdbcFeedbackStore store = db.open()) {
            List<Process> children = List.of(
                    ConcurrentWritersTest.startAddingProcess(db.url(), "p1", THREADS, PER_THREAD),
                    ConcurrentWritersTest.startAddingProcess(db.url(), "p2", THREADS, PER_THREAD));
            Set<String> acknowledged = new HashSet<>();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                Thread adder = new Thread(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        String id = "here-t" + thread + "-" + i;
                        store.add(feedback(id));
                        synchronized (acknowledged) {
                            acknowledged.add(id);
                        }
                    }
                });
                adder.start();
                threads.add(adder);
            }
            for (Thread adder : threads) {
                adder.join();
            }
            for (Process child : children) {
                String output = ConcurrentWritersTest.output(child);
                assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as(output).isZero();
                output.lines().filter(line -> line.startsWith("ACK ")).forEach(line -> acknowledged.add(line.substring(4)));
            }

            int expected = 3 * THREADS * PER_THREAD;
            assertThat(acknowledged).hasSize(expected);
            List<FeedbackChange> changes = store.changes(0);
            assertThat(changes).extracting(FeedbackChange::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
            assertThat(changes).extracting(c -> c.feedback().id()).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(store.size()).isEqualTo(expected);
        }
    }
}
