package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a purge does to the store file itself, and to the stores and readers that have it open. */
class JsonlFeedbackStorePurgeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("feedback.jsonl");
    }

    private static Feedback feedback(String id, String articleId, String text) {
        return new Feedback(id, new Article(articleId, "标题 " + text, "正文 " + text, Map.of("by", "作者 " + text)),
                "社会", Optional.of("政治"), "理由 " + text, Optional.of("fp"), Instant.parse("2026-03-04T05:06:07Z"));
    }

    private static String line(FeedbackLine line) {
        return new String(FeedbackLineCodec.encode(line), StandardCharsets.UTF_8);
    }

    private List<String> lines() throws IOException {
        return List.of(Files.readString(file()).split("\n"));
    }

    private List<Path> others() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.equals(file()) && !p.getFileName().toString().endsWith(".lock")).toList();
        }
    }

    @Test
    void theRewrittenFileHasATombstoneInPlaceOfTheAddAPurgeLineAtTheEndAndEveryOtherLineAsItWas() throws IOException {
        Feedback secret = feedback("s", "art-s", "王小明的病历");
        Feedback kept = feedback("k", "art-k", "天气晴朗");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            store.addAll(List.of(kept, secret));
            store.retract("k");
            List<String> before = lines();

            assertThat(store.purge("art-s")).containsExactly("s");

            List<String> after = lines();
            assertThat(Files.readString(file())).doesNotContain("王小明的病历");
            assertThat(after).hasSize(4);
            assertThat(after.get(0)).isEqualTo(before.get(0));
            assertThat(after.get(2)).isEqualTo(before.get(2));
            JsonNode tombstone = JSON.readTree(after.get(1));
            assertThat(tombstone.get("v").asInt()).isEqualTo(2);
            assertThat(tombstone.get("op").asText()).isEqualTo("purged");
            assertThat(tombstone.get("article_id").asText()).isEqualTo("art-s");
            assertThat(tombstone.has("article")).isFalse();
            JsonNode purge = JSON.readTree(after.get(3));
            assertThat(purge.get("op").asText()).isEqualTo("purge");
            assertThat(purge.get("id").asText()).isEqualTo("s");
            assertThat(others()).as("no temporary file is left").isEmpty();
        }
    }

    @Test
    void theRewrittenFileKeepsTheStoreFilesPermissions() throws IOException {
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assumeTrue(Files.getFileStore(file()).supportsFileAttributeView("posix"));
            store.add(feedback("s", "art-s", "秘密"));
            Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

            store.purge("art-s");

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        }
    }

    @Test
    void aPurgeThatFailsBeforeItsRenameLeavesTheFileAsItWasAndCanBeRepeated() throws IOException {
        AtomicBoolean failing = new AtomicBoolean();
        JsonlFeedbackStore.Syncer flaky = channel -> {
            if (failing.get()) {
                throw new IOException("I/O error");
            }
            channel.force(false);
        };
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).syncer(flaky).open()) {
            store.add(feedback("s", "art-s", "秘密"));
            byte[] before = Files.readAllBytes(file());
            failing.set(true);

            assertThatThrownBy(() -> store.purge("art-s")).isInstanceOf(FeedbackStoreException.class)
                    .hasMessageContaining("I/O error");

            assertThat(Files.readAllBytes(file())).isEqualTo(before);
            assertThat(others()).isEmpty();
            failing.set(false);
            assertThat(store.recent(1)).extracting(Feedback::id).containsExactly("s");
            assertThat(store.purge("art-s")).containsExactly("s");
            store.add(feedback("n", "art-n", "新的"));
            assertThat(store.lastSequence()).isEqualTo(3);
        }
    }

    @Test
    void aTemporaryFileLeftByAPurgeThatDiedIsRemovedByTheNextOpen() throws IOException {
        Files.writeString(file(), line(new FeedbackLine.Added(feedback("a", "art-a", "x"))));
        Path left = dir.resolve("feedback.jsonl.purge-12345.tmp");
        Files.writeString(left, "half a rewrite");

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file())) {
            assertThat(left).doesNotExist();
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void repeatedAddsUnreadableLinesAndSetAsideTailsThatNameThePurgedArticleGoToo() throws IOException {
        Feedback secret = feedback("s", "art-s", "秘密");
        Feedback kept = feedback("k", "art-k", "公开");
        Files.writeString(file(), line(new FeedbackLine.Added(secret))
                + line(new FeedbackLine.Added(feedback("s", "art-s", "秘密的另一份"))) // a repeat: the first counts
                + "{\"v\":1,\"op\":\"add\",\"id\":\"t\",\"article\":{\"id\":\"art-s\",\"title\":\"秘密的碎片\n"
                + "not json, about nothing purged\n"
                + line(new FeedbackLine.Added(kept)));
        Path namesIt = Files.writeString(dir.resolve("feedback.jsonl.torn-10-1"), "{\"id\":\"art-s\",\"title\":\"秘密");
        Path other = Files.writeString(dir.resolve("feedback.jsonl.torn-20-2"), "{\"id\":\"art-k\"");

        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).tolerant(true).open()) {
            assertThat(store.problems()).hasSize(2);
            assertThat(store.purge(List.of("art-s"))).containsExactly("s");

            assertThat(Files.readString(file())).doesNotContain("秘密").contains("not json, about nothing purged");
            assertThat(namesIt).doesNotExist();
            assertThat(other).exists();
            assertThat(store.changes(0)).extracting(c -> c.sequence() + " " + c.kind() + " " + c.feedback().id())
                    .containsExactly("1 PURGED s", "2 ADDED k", "3 PURGED s");
        }
    }

    @Test
    void aStreamBegunBeforeAPurgeReadsToItsEndAndTheOldFileIsClosedWhenItIsDone() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to see open files");
        List<Feedback> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(feedback("f" + i, "art-" + (i % 5), "第" + i + "条"));
        }
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file());
             JsonlFeedbackStore other = JsonlFeedbackStore.open(file())) {
            store.addAll(all);
            List<String> read = new ArrayList<>();
            try (Stream<Feedback> stream = other.stream()) {
                Iterator<Feedback> it = stream.iterator();
                read.add(it.next().id());

                store.purge("art-0");
                assertThat(other.size()).as("the other store sees the purge").isEqualTo(40);
                assertThat(deletedFilesOpen()).as("the old file, still read by the stream").isNotEmpty();

                it.forEachRemaining(f -> read.add(f.id()));
            }
            assertThat(read).as("the stream read the file as it was when it began").hasSize(50);
            assertThat(deletedFilesOpen()).as("once the stream is closed").isEmpty();
            try (Stream<Feedback> stream = other.stream()) {
                assertThat(stream.filter(f -> f.article().id().equals("art-0"))).isEmpty();
            }
            assertThat(other.changes(0).get(0)).isEqualTo(new FeedbackChange(1, FeedbackChange.Kind.PURGED,
                    FeedbackChange.tombstone(all.get(0))));
        }
    }

    /** Files this process has open that were deleted (or replaced): what a purge must not leave behind. */
    private List<String> deletedFilesOpen() throws IOException {
        List<String> deleted = new ArrayList<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(dir.toString()) && target.endsWith("(deleted)")) {
                        deleted.add(target);
                    }
                } catch (IOException e) {
                    // Closed since it was listed.
                }
            }
        }
        return deleted;
    }
}
