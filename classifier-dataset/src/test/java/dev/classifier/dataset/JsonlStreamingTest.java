package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading holds one line at a time, whatever the size of the input or of a line. */
class JsonlStreamingTest {

    private static final int CHUNK_BYTES = 64 * 1024;

    @Test
    void readsManyRecordsWhileStayingOneChunkAheadOfTheConsumer() {
        long count = 100_000; // about 8 MB: a hundred and more times the reader's chunk
        GeneratedJsonl input = new GeneratedJsonl(count, i -> "{\"id\":\"r" + i + "\",\"title\":\"第" + i
                + "条新闻\",\"text\":\"News item " + i + " 新闻\",\"label\":\"L" + (i % 7) + "\"}");
        int shortestLineBytes = 70;
        long mostLinesAhead = CHUNK_BYTES / shortestLineBytes + 2;
        AtomicLong consumed = new AtomicLong();
        AtomicLong furthestAhead = new AtomicLong();
        try (Stream<LabeledArticle> rows = LabeledSets.reader().input(input, "generated.jsonl").build().stream()) {
            rows.forEach(row -> {
                long seen = consumed.incrementAndGet();
                furthestAhead.accumulateAndGet(input.linesProduced() - seen, Math::max);
            });
        }
        assertThat(consumed.get()).isEqualTo(count);
        // The reader never pulled more than a chunk's worth of lines ahead: it holds no more than that.
        assertThat(furthestAhead.get()).isBetween(1L, mostLinesAhead);
    }

    @Test
    void aLongLineIsMeasuredButNotBuffered() throws IOException {
        int limit = 1024;
        byte[] longLine = new byte[10 * 1024 * 1024];
        Arrays.fill(longLine, (byte) 'x');
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(longLine),
                new ByteArrayInputStream("\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8)));
        try (BoundedLineReader lines = new BoundedLineReader(in, limit)) {
            assertThat(lines.next()).isTrue();
            assertThat(lines.isOverLimit()).isTrue();
            assertThat(lines.fullLength()).isEqualTo(longLine.length);
            assertThat(lines.bufferCapacity()).isLessThanOrEqualTo(limit + 1);
            assertThat(lines.next()).isTrue();
            assertThat(new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
            assertThat(lines.lineNumber()).isEqualTo(2);
            assertThat(lines.next()).isFalse();
        }
    }

    /** A line longer than any Java array can hold: it can only be skipped if it is never buffered (~1 s). */
    @Test
    void skipsALineLongerThanAnArrayCanHold() {
        long lineBytes = (long) Integer.MAX_VALUE + 100;
        InputStream huge = new InputStream() {
            private long remaining = lineBytes;

            @Override
            public int read() {
                return remaining-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, remaining);
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                remaining -= n;
                return n;
            }
        };
        InputStream in = new SequenceInputStream(huge,
                new ByteArrayInputStream("\n{\"n\":2}\n".getBytes(StandardCharsets.UTF_8)));
        JsonlReader<JsonNode> reader = JsonlReader.builder(RecordDecoder.nodes())
                .input(in, "huge.jsonl").collectProblems(1).build();
        assertThat(reader.readAll()).extracting(node -> node.get("n").intValue()).containsExactly(2);
        assertThat(reader.problems()).containsExactly(new JsonlProblem("huge.jsonl", 1, 1,
                "the line is 2,147,483,747 bytes long, over the limit of 1,048,576 bytes for a record"));
    }
}
