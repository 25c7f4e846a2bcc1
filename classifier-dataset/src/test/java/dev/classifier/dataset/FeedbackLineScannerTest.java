package dev.classifier.dataset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackLineScannerTest {

    @TempDir
    Path dir;

    @Test
    void findsTheFirstNewlineLikeAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(1);
        for (int round = 0; round < 2_000; round++) {
            byte[] buf = new byte[random.nextInt(1, 40)];
            for (int i = 0; i < buf.length; i++) {
                // Mostly UTF-8 of Chinese text and bytes one bit away from '\n', now and then a newline.
                buf[i] = (byte) (random.nextInt(12) == 0 ? '\n' : new byte[] {(byte) 0xE4, (byte) 0xB8, 0x0B, 0x0E,
                    0x2A, (byte) 0x8A, 0x09}[random.nextInt(7)]);
            }
            int from = random.nextInt(buf.length);
            int to = random.nextInt(from, buf.length + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (buf[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(FeedbackLineScanner.indexOfNewline(buf, from, to)).isEqualTo(expected);
        }
    }

    @Test
    void handsOnWholeLinesAcrossChunksAndStopsBeforeAnUnfinishedOne() throws Exception {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String line = "第" + i + "行 " + "x".repeat(i * 997 % 70_000) + "\n"; // some lines span 64 KB chunks
            expected.add(line);
            text.append(line);
        }
        text.append("unfinished");
        Path file = dir.resolve("lines.jsonl");
        Files.writeString(file, text);
        List<String> seen = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            FeedbackLineScanner.Result result = FeedbackLineScanner.scan(channel, 0, channel.size(), 1,
                    (buf, off, len, offset, lineNumber) -> {
                        seen.add(new String(buf, off, len, StandardCharsets.UTF_8));
                        numbers.add(lineNumber);
                    }, new LongAdder());

            assertThat(seen).isEqualTo(expected);
            assertThat(numbers).first().isEqualTo(1L);
            assertThat(numbers).last().isEqualTo(50L);
            assertThat(result.lines()).isEqualTo(50);
            assertThat(result.end()).isEqualTo(channel.size() - "unfinished".length());
        }
    }
}
