package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackReceipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four processes append 2,500 records each to one file under the store's file lock: the file ends up with
 * exactly 10,000 whole records, also when one writer is killed mid-write and started again to finish.
 */
class JsonlFeedbackStoreMultiProcessTest {

    private static final int WRITERS = 4;
    private static final int EACH = 2_500;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void fourProcessesLeaveExactlyTenThousandWholeRecords() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        List<JsonlFeedbackStoreChildProcess> children = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            children.add(JsonlFeedbackStoreChildProcess.start(file, "w" + w, EACH, 200, 2_000, 16));
        }
        Set<String> acked = new HashSet<>();
        for (JsonlFeedbackStoreChildProcess child : children) {
            child.awaitSuccess(Duration.ofMinutes(4));
            acked.addAll(child.acked());
        }

        assertThat(acked).hasSize(WRITERS * EACH);
        assertExactlyTenThousandWholeRecords(file, acked);
    }

    @Test
    @Timeout(300)
    void aWriterKilledMidWriteSpoilsNoOtherRecord() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        // The victim writes very large records (8 to 16 MB of a filler, hundreds of writes each, so that even a
        // starved poller sees them under way) and is killed when the file is seen to end in its filler, until a kill
        // is seen to have left a torn line; a live writer then sets it aside. It starts first: a busy writer's lock
        // is hard to win.
        JsonlFeedbackStoreChildProcess victim = startVictim(file);
        victim.awaitAcks(1, Duration.ofMinutes(2));
        List<JsonlFeedbackStoreChildProcess> others = new ArrayList<>();
        for (int w = 1; w < WRITERS; w++) {
            others.add(JsonlFeedbackStoreChildProcess.start(file, "w" + w, EACH, 200, 2_000, 16));
        }
        Set<String> acked = new HashSet<>();
        boolean tornSeen = false;
        for (int attempt = 0; attempt < 8 && !tornSeen && sideFiles().isEmpty(); attempt++) {
            if (attempt > 0) {
                victim = startVictim(file);
            }
            victim.awaitMidLine(file, VICTIM_FILLER, Duration.ofSeconds(8));
            victim.kill();
            tornSeen = JsonlFeedbackStoreChildProcess.endsMidLine(file); // unless a live writer was quicker
            acked.addAll(victim.acked());
        }
        assertThat(acked).hasSizeLessThan(EACH);

        // Started again with the same ids, the victim adds only what is missing.
        others.add(JsonlFeedbackStoreChildProcess.start(file, "w0", EACH, 200, 2_000, 16));
        for (JsonlFeedbackStoreChildProcess child : others) {
            child.awaitSuccess(Duration.ofMinutes(4));
            acked.addAll(child.acked());
        }

        assertThat(sideFiles()).as("torn lines the victim left, set aside").isNotEmpty();
        assertThat(acked).hasSize(WRITERS * EACH);
        assertExactlyTenThousandWholeRecords(file, acked);
    }

    private static final String VICTIM_FILLER = "~victim~";

    private static JsonlFeedbackStoreChildProcess startVictim(Path file) throws IOException {
        return JsonlFeedbackStoreChildProcess.start(file, "w0", EACH, 8 << 20, 16 << 20, 1, VICTIM_FILLER);
    }

    private List<Path> sideFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("feedback.jsonl.torn-")).toList();
        }
    }

    /** Reads the raw file: 10,000 newline-terminated lines, each a valid add, all ids distinct and acknowledged. */
    /**
     * Two reviewers in two processes decide the same review item: its feedback id is the same, and the store's
     * idempotent add lets the first win and tells the second what is stored (the review page relies on it).
     */
    @Test
    @Timeout(120)
    void anIdAnotherProcessAddedFirstWinsAndTheLaterAddIsToldWhatIsStored() throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            JsonlFeedbackStoreChildProcess child = JsonlFeedbackStoreChildProcess.start(file, "review", 3, 50, 60, 1);
            child.awaitSuccess(Duration.ofMinutes(1));
            Feedback first = JsonlFeedbackStoreWriterChild.feedback("review-000001", "ignored");
            Feedback mine = first.withLabel("体育");

            FeedbackReceipt receipt = store.addWithReceipt(mine);

            assertThat(receipt.changed()).isFalse();
            assertThat(receipt.feedback().label()).isEqualTo("经济");
            assertThat(store.add(mine).label()).isEqualTo("经济");
            assertThat(store.size()).isEqualTo(3);
        }
    }

    private static void assertExactlyTenThousandWholeRecords(Path file, Set<String> acked) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[bytes.length - 1]).as("the file ends with a whole line").isEqualTo((byte) '\n');
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(WRITERS * EACH);
        ObjectMapper mapper = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertThat(node.path("v").asInt()).isEqualTo(1);
            assertThat(node.path("op").asText()).isEqualTo("add");
            ids.add(node.path("id").asText());
        }
        assertThat(ids).hasSize(WRITERS * EACH).isEqualTo(acked);

        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(file)) {
            assertThat(store.problems()).isEmpty();
            assertThat(store.size()).isEqualTo(WRITERS * EACH);
            assertThat(store.lastSequence()).isEqualTo(WRITERS * EACH);
            try (Stream<Feedback> all = store.stream()) {
                assertThat(all.map(Feedback::id).collect(Collectors.toSet())).isEqualTo(acked);
            }
        }
    }
}
