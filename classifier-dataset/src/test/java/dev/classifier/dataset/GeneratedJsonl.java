package dev.classifier.dataset;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/** An input stream that makes its JSONL lines as they are read: many records, never all in memory. */
final class GeneratedJsonl extends InputStream {

    private final long lineCount;
    private final LongFunction<String> lineAt;
    private byte[] current = new byte[0];
    private int position;
    private long produced;

    /** {@code lineAt(i)} is the i-th line (0-based), without its line end. */
    GeneratedJsonl(long lineCount, LongFunction<String> lineAt) {
        this.lineCount = lineCount;
        this.lineAt = lineAt;
    }

    /** How many lines have been made so far: how far ahead of its consumer the reader has read. */
    long linesProduced() {
        return produced;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length) {
            if (position == current.length) {
                if (produced == lineCount) {
                    break;
                }
                current = (lineAt.apply(produced++) + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length - copied, current.length - position);
            System.arraycopy(current, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 ? -1 : copied;
    }
}
