package dev.classifier.dataset;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads whole lines of a file region in large chunks and hands each to a sink. Bytes after the last newline
 * are never handed on: they are an unfinished line.
 */
final class FeedbackLineScanner {

    private static final int CHUNK = 1 << 20;
    /** Far beyond any feedback line; past it the file is not a store file, and the buffer would overflow. */
    static final int MAX_LINE = 1 << 28;

    private FeedbackLineScanner() {
    }

    @FunctionalInterface
    interface Sink {
        /**
         * @param len        the line's length including its newline
         * @param offset     where the line starts in the file
         * @param lineNumber 1-based
         */
        void line(byte[] buf, int off, int len, long offset, long lineNumber) throws IOException;
    }

    /**
     * @param end   the offset just after the last whole line read
     * @param lines how many whole lines were read
     */
    record Result(long end, long lines) {
    }

    /** Reads the lines in {@code [from, limit)}; the line at {@code from} has number {@code firstLineNumber}. */
    static Result scan(FileChannel channel, long from, long limit, long firstLineNumber, Sink sink,
                       LongAdder bytesRead) throws IOException {
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(64, limit - from))];
        int filled = 0;     // bytes in buf
        int searched = 0;   // bytes of buf already searched for a newline
        long bufStart = from;
        long position = from;
        long lines = 0;
        while (position < limit) {
            if (filled == buf.length) {
                if (buf.length >= MAX_LINE) {
                    throw new IOException("the line at offset " + bufStart + " runs on for more than "
                            + (MAX_LINE >> 20) + " MB without a newline: this is not a feedback store file");
                }
                buf = Arrays.copyOf(buf, buf.length * 2); // one line longer than the buffer
            }
            int want = (int) Math.min(buf.length - filled, limit - position);
            int n = channel.read(ByteBuffer.wrap(buf, filled, want), position);
            if (n < 0) {
                break; // the file is shorter than the caller thought: what is there is what counts
            }
            bytesRead.add(n);
            position += n;
            filled += n;
            int lineStart = 0;
            for (int i = indexOfNewline(buf, searched, filled); i >= 0; i = indexOfNewline(buf, i + 1, filled)) {
                int len = i + 1 - lineStart;
                sink.line(buf, lineStart, len, bufStart + lineStart, firstLineNumber + lines);
                lines++;
                lineStart = i + 1;
            }
            System.arraycopy(buf, lineStart, buf, 0, filled - lineStart);
            bufStart += lineStart;
            filled -= lineStart;
            searched = filled;
        }
        return new Result(bufStart, lines);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * The index of the first newline in {@code buf[from, to)}, or -1. Looks at eight bytes at a time (a byte of
     * {@code word ^ NEWLINES} is zero where the newline is), which makes finding lines in a large file several
     * times cheaper than a byte loop.
     */
    static int indexOfNewline(byte[] buf, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(buf, i) ^ NEWLINES;
            long zeroBytes = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (zeroBytes != 0) {
                return i + (Long.numberOfTrailingZeros(zeroBytes) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
