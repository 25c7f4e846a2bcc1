package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash can cut the file anywhere. Cut at every byte offset inside the last records and reopened each time,
 * the store keeps every change whose line was whole before the cut, sets the rest aside, and takes new records
 * that a later reopening reads as whole lines after the kept ones.
 */
class JsonlFeedbackStoreTruncationTest {

    @TempDir
    Path dir;

    private static Feedback feedback(String id, String title, String body) {
        return new Feedback(id, new Article("a-" + id, title, body, Map.of("source", "测试")), "经济",
                Optional.of("政治"), "原因 " + id, Optional.empty(), Instant.parse("2026-05-06T07:08:09.1Z"));
    }

    @Test
    void aCutAtAnyByteOfTheLastRecordsLosesNothingWrittenBeforeIt() throws Exception {
        Path original = dir.resolve("original.jsonl");
        List<FeedbackChange> changes;
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(original)) {
            for (int i = 0; i < 10; i++) {
                store.add(feedback("early-" + i, "Early " + i, "Body " + i));
            }
            store.retract("early-3");
            store.add(feedback("zh", "央行降息", "人民银行下调利率，𠮷野家涨价。"));
            changes = store.changes(0);
        }
        byte[] bytes = Files.readAllBytes(original);
        List<Integer> lineEnds = lineEnds(bytes);
        assertThat(lineEnds).hasSize(changes.size());
        int firstCut = lineEnds.get(lineEnds.size() - 3); // the start of the last two: a tombstone, a Chinese add

        for (int cut = firstCut; cut <= bytes.length; cut++) {
            reopenCutAt(cut, bytes, lineEnds, changes);
        }
    }

    private void reopenCutAt(int cut, byte[] bytes, List<Integer> lineEnds, List<FeedbackChange> changes)
            throws Exception {
        Path file = dir.resolve("feedback.jsonl");
        Files.write(file, Arrays.copyOf(bytes, cut));
        int whole = wholeLinesBefore(lineEnds, cut);
        int lastLineEnd = whole == 0 ? 0 : lineEnds.get(whole - 1);
        Feedback extra = feedback("extra-" + cut, "Extra", "Written after the cut.");
        try (JsonlFeedbackStore store = open(file)) {
            assertThat(store.changes(0)).as("cut at %d", cut).isEqualTo(changes.subList(0, whole));
            if (cut == lastLineEnd) {
                assertThat(store.problems()).as("cut at %d, a line end", cut).isEmpty();
            } else {
                assertThat(store.problems()).as("cut at %d", cut).singleElement().satisfies(p -> {
                    assertThat(p.kind()).isEqualTo(FeedbackLineProblem.Kind.TORN_TAIL_SET_ASIDE);
                    assertThat(p.offset()).isEqualTo(lastLineEnd);
                    assertThat(Files.readAllBytes(p.sideFile().orElseThrow()))
                            .isEqualTo(Arrays.copyOfRange(bytes, lastLineEnd, cut));
                    Files.delete(p.sideFile().orElseThrow());
                });
            }
            assertThat(store.add(extra)).isEqualTo(extra);
            assertThat(store.lastSequence()).isEqualTo(whole + 1);
        }
        // What a reopening reads: the whole lines before the cut, then the new record as one whole line.
        byte[] expected = concat(Arrays.copyOf(bytes, lastLineEnd),
                FeedbackLineCodec.encode(new FeedbackLine.Added(extra)));
        assertThat(Files.readAllBytes(file)).as("file after the cut at %d and one add", cut).isEqualTo(expected);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** The cut stands for the crash here, so the store need not sync: that would only slow 400 reopenings. */
    private static JsonlFeedbackStore open(Path file) {
        return JsonlFeedbackStore.builder(file).syncer(channel -> { }).open();
    }

    private static int wholeLinesBefore(List<Integer> lineEnds, int cut) {
        int whole = 0;
        while (whole < lineEnds.size() && lineEnds.get(whole) <= cut) {
            whole++;
        }
        return whole;
    }

    /** The offsets just after each newline. */
    private static List<Integer> lineEnds(byte[] bytes) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                ends.add(i + 1);
            }
        }
        return ends;
    }
}
