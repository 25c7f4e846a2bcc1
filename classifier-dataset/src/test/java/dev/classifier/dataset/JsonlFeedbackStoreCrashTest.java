package dev.classifier.dataset;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writer processes killed with SIGKILL while appending large records (256 KB to 1.5 MB, many writes each): every
 * add they acknowledged survives, some kills leave a torn tail, and the next opener sets each one aside.
 */
class JsonlFeedbackStoreCrashTest {

    private static final int MIN_BYTES = 256 * 1024;
    private static final int MAX_BYTES = 1536 * 1024;

    @TempDir
    Path dir;

    @Test
    @Timeout(240)
    void killedWritersLoseNothingTheyAcknowledged() throws Exception {
        killAndCheck(10);
    }

    @Test
    @Tag("slow")
    @Timeout(1200)
    void fiftyKilledWritersLoseNothingTheyAcknowledged() throws Exception {
        killAndCheck(50);
    }

    private void killAndCheck(int kills) throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Random random = new Random(kills);
        Set<String> acked = new HashSet<>();
        int torn = 0;
        StringBuilder log = new StringBuilder();
        for (int k = 0; k < kills; k++) {
            JsonlFeedbackStoreChildProcess child = JsonlFeedbackStoreChildProcess.start(file, "k" + k, 100_000,
                    MIN_BYTES, MAX_BYTES, 2);
            child.awaitAcks(1 + random.nextInt(3), Duration.ofSeconds(90));
            String moment;
            if (k % 3 == 0 && torn > 0) {
                // At an arbitrary moment: in a write, a sync, encoding, or between adds.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(30_000)));
                moment = "arbitrary";
            } else {
                // The moment the file is seen to end mid-line: a write is under way (always so until one kill
                // has left a torn tail, which the test needs to see).
                boolean seen = child.awaitMidLine(file, null, Duration.ofSeconds(5)); // the only writer
                moment = seen ? "mid-line" : "mid-line not seen";
            }
            child.kill();
            boolean tornNow = JsonlFeedbackStoreChildProcess.endsMidLine(file);
            if (tornNow) {
                torn++;
            }
            acked.addAll(child.acked());
            log.append(String.format("kill %d at %s moment: %d acked, %s%n", k, moment, child.acked().size(),
                    tornNow ? "torn tail" : "whole lines"));
        }

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            Set<String> stored;
            try (Stream<dev.classifier.api.Feedback> all = store.stream()) {
                stored = all.map(dev.classifier.api.Feedback::id).collect(Collectors.toSet());
            }
            assertThat(stored).as("every acknowledged add survives").containsAll(acked);
            assertThat(acked).hasSizeGreaterThanOrEqualTo(kills);
            store.add(JsonlFeedbackStoreWriterChild.feedback("after-0", "the store takes new records"));
            assertThat(store.recent(1).get(0).id()).isEqualTo("after-0");
        }
        assertThat(torn).as("kills that left a torn tail:%n%s", log).isPositive();
        assertThat(sideFiles()).as("each torn tail is set aside by the next opener").hasSize(torn);
        assertThat(JsonlFeedbackStoreChildProcess.endsMidLine(file)).isFalse();
    }

    private List<Path> sideFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("feedback.jsonl.torn-")).toList();
        }
    }
}
