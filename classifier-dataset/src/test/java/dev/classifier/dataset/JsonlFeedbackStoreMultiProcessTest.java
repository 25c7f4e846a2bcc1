package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Feedback;
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
        List<JsonlFeedbackStoreChildProcess> children = new ArrayList<>();
        // The victim writes large records (64 KB to 512 KB), so that a kill most likely lands inside a write.
        children.add(JsonlFeedbackStoreChildProcess.start(file, "w0", EACH, 64 * 1024, 512 * 1024, 1));
        for (int w = 1; w < WRITERS; w++) {
            children.add(JsonlFeedbackStoreChildProcess.start(file, "w" + w, EACH, 200, 2_000, 16));
        }
        JsonlFeedbackStoreChildProcess victim = children.get(0);
        victim.awaitAcks(3, Duration.ofMinutes(2));
        victim.awaitMidLine(file, Duration.ofSeconds(3)); // small lines are one write: mid-line is the victim's
        victim.kill();
        Set<String> acked = new HashSet<>(victim.acked());
        assertThat(acked).hasSizeLessThan(EACH);

        // Started again with the same ids, the victim adds only what is missing.
        JsonlFeedbackStoreChildProcess again = JsonlFeedbackStoreChildProcess.start(file, "w0", EACH, 200, 2_000, 16);
        children.set(0, again);
        for (JsonlFeedbackStoreChildProcess child : children) {
            child.awaitSuccess(Duration.ofMinutes(4));
            acked.addAll(child.acked());
        }

        assertThat(acked).hasSize(WRITERS * EACH);
        assertExactlyTenThousandWholeRecords(file, acked);
    }

    /** Reads the raw file: 10,000 newline-terminated lines, each a valid add, all ids distinct and acknowledged. */
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
