package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Purges across processes: a store open here sees another process's purge and keeps writing to the new file;
 * writer processes lose no acknowledged add while purges rewrite the file under them; and a purging process killed
 * with SIGKILL at any moment (at the latest possible one before its rename, or anywhere) leaves the old file or the
 * new one, whole.
 */
class JsonlFeedbackStorePurgeProcessesTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("feedback.jsonl");
    }

    /** Two feedback about a secret article: the text a purge must take. */
    private static List<Feedback> secrets(int k) {
        List<Feedback> secrets = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Article article = new Article("art-" + k, "机密文件 " + k, "只给本人看的内容 secret-" + k + " 第" + i + "份",
                    Map.of());
            secrets.add(new Feedback("secret-" + k + "-" + i, article, "社会", Optional.empty(), "私人 " + k,
                    Optional.empty(), Instant.parse("2026-05-06T07:08:09Z")));
        }
        return secrets;
    }

    private String fileText() throws IOException {
        return new String(Files.readAllBytes(file()), StandardCharsets.UTF_8);
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(JsonlFeedbackStorePurge.TEMP_INFIX)).toList();
        }
    }

    private static Set<String> ids(JsonlFeedbackStore store) {
        try (Stream<Feedback> all = store.stream()) {
            return all.map(Feedback::id).collect(Collectors.toSet());
        }
    }

    @Test
    @Timeout(120)
    void aPurgeInAnotherProcessIsSeenHereAndWhatIsAddedHereAfterwardsIsKept() throws Exception {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            store.addAll(secrets(1));
            store.add(JsonlFeedbackStoreWriterChild.feedback("kept-0", "公开的新闻"));

            JsonlFeedbackStorePurgeChildProcess child = JsonlFeedbackStorePurgeChildProcess.start(file(), false, "art-1");
            child.awaitSuccess(Duration.ofSeconds(60));
            assertThat(child.printed("purged secret-1-0,secret-1-1")).isTrue();

            assertThat(ids(store)).containsExactly("kept-0");
            assertThat(store.changes(0)).extracting(FeedbackChange::kind).containsExactly(FeedbackChange.Kind.PURGED,
                    FeedbackChange.Kind.PURGED, FeedbackChange.Kind.ADDED, FeedbackChange.Kind.PURGED,
                    FeedbackChange.Kind.PURGED);
            store.add(JsonlFeedbackStoreWriterChild.feedback("after-0", "之后加的"));
        }
        assertThat(fileText()).doesNotContain("机密文件").contains("after-0");
        try (JsonlFeedbackStore reopened = JsonlFeedbackStore.open(file())) {
            assertThat(ids(reopened)).containsExactlyInAnyOrder("kept-0", "after-0");
            assertThat(reopened.lastSequence()).isEqualTo(6);
        }
    }

    @Test
    @Timeout(300)
    void writerProcessesLoseNothingAcknowledgedWhilePurgesRewriteTheFileUnderThem() throws Exception {
        int purges = 4;
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            for (int k = 0; k < purges; k++) {
                store.addAll(secrets(k));
            }
        }
        JsonlFeedbackStoreChildProcess writer = JsonlFeedbackStoreChildProcess.start(file(), "w", 600, 200, 4_000, 4);
        writer.awaitAcks(20, Duration.ofSeconds(90));
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            for (int k = 0; k < purges; k++) {
                assertThat(store.purge("art-" + k)).containsExactly("secret-" + k + "-0", "secret-" + k + "-1");
                writer.awaitAcks(20 + 40 * (k + 1), Duration.ofSeconds(90)); // the writer goes on between purges
            }
        }
        writer.awaitSuccess(Duration.ofMinutes(3));

        assertThat(fileText()).doesNotContain("机密文件").doesNotContain("只给本人看的内容");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(writer.acked()).hasSize(600);
            assertThat(ids(store)).isEqualTo(writer.acked());
            assertThat(store.lastSequence()).isEqualTo(600 + purges * 4L);
        }
    }

    @Test
    @Timeout(300)
    void aPurgeKilledAtAnyMomentLeavesTheOldFileOrTheNewOneWholeAndLosesNoAdd() throws Exception {
        killPurgesAndCheck(4);
    }

    @Test
    @Tag("slow")
    @Timeout(1800)
    void manyPurgesKilledAtAnyMomentLeaveTheOldFileOrTheNewOneWholeAndLoseNoAdd() throws Exception {
        killPurgesAndCheck(30);
    }

    private void killPurgesAndCheck(int kills) throws Exception {
        fill(kills);
        JsonlFeedbackStoreChildProcess writer = JsonlFeedbackStoreChildProcess.start(file(), "w", 1_000_000, 100,
                1_000, 2);
        writer.awaitAcks(1, Duration.ofSeconds(90));
        Random random = new Random(kills);
        StringBuilder log = new StringBuilder();
        for (int k = 0; k < kills; k++) {
            boolean atSync = k % 2 == 0;
            JsonlFeedbackStorePurgeChildProcess purge = JsonlFeedbackStorePurgeChildProcess.start(file(), atSync,
                    "art-" + k);
            purge.await("ready", Duration.ofSeconds(90));
            if (atSync) {
                purge.await("syncing", Duration.ofSeconds(90));
            } else {
                Thread.sleep(random.nextInt(600));
            }
            purge.kill();
            boolean acknowledged = purge.printed("purged");
            boolean midRewrite = !temporaryFiles().isEmpty();
            log.append(String.format("kill %d (%s): %s%n", k, atSync ? "at the sync before the rename" : "anywhere",
                    acknowledged ? "purge acknowledged" : midRewrite ? "mid-rewrite" : "before or after"));
            if (atSync) {
                assertThat(midRewrite).as("killed with the new file written, not renamed").isTrue();
                assertThat(acknowledged).isFalse();
            }
            checkAfterKill(k, acknowledged, atSync, log);
        }
        writer.kill();
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(ids(store)).as("every add the writer acknowledged:%n%s", log).containsAll(writer.acked());
        }
    }

    /** The strict open reads every line (so the file is whole) and removes a left temporary file. */
    private void checkAfterKill(int k, boolean acknowledged, boolean atSync, StringBuilder log) throws IOException {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(temporaryFiles()).isEmpty();
            Set<String> live = ids(store);
            boolean gone = !fileText().contains("只给本人看的内容 secret-" + k + " ");
            assertThat(live.contains("secret-" + k + "-0")).as("kill %d:%n%s", k, log).isEqualTo(!gone);
            assertThat(live.contains("secret-" + k + "-1")).isEqualTo(!gone);
            if (acknowledged) {
                assertThat(gone).as("an acknowledged purge is durable").isTrue();
            }
            if (atSync) {
                assertThat(gone).as("the old file is the one at the path").isFalse();
            }
            if (!gone) {
                assertThat(store.purge("art-" + k)).hasSize(2); // finish the job, as a caller would repeat it
            }
        }
    }

    /** About 6 MB of feedback, so that a rewrite takes a while, and two secrets for each kill. */
    private void fill(int kills) {
        SplittableRandom random = new SplittableRandom(7);
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            List<Feedback> batch = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                batch.add(JsonlFeedbackStoreWriterChild.feedback(String.format("bulk-%05d", i),
                        JsonlFeedbackStoreWriterChild.body(random, 3_000)));
                if (i % 500 == 499) {
                    store.addAll(batch);
                    batch.clear();
                }
            }
            for (int k = 0; k < kills; k++) {
                store.addAll(secrets(k));
            }
        }
    }
}
