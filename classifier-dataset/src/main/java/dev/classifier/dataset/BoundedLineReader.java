package dev.classifier.dataset;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a byte stream into lines at {@code \n} (a {@code \r} before it is dropped), keeping at most
 * {@code maxLineBytes} of a line in memory: a longer line is measured to its end, not buffered. A UTF-8 byte order
 * mark at the very start is skipped. Splitting bytes is safe for UTF-8, where 0x0A never occurs inside a character.
 */
final class BoundedLineReader implements Closeable {

    private static final int CHUNK_BYTES = 64 * 1024;
    private static final int INITIAL_LINE_BYTES = 8 * 1024;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] chunk = new byte[CHUNK_BYTES];
    private int chunkPos;
    private int chunkEnd;
    private boolean started;

    /** The kept bytes of the current line: all of it unless it is over the limit. Room for one more, a CR. */
    private byte[] line;
    private int keptBytes;
    /** The current line's full length in bytes, without its line end, also when it is over the limit. */
    private long lineBytes;
    private byte lastByte;
    private long lineNumber;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[Math.min(INITIAL_LINE_BYTES, maxLineBytes + 1)];
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
        if (!started) {
            skipBom();
            started = true;
        }
        keptBytes = 0;
        lineBytes = 0;
        boolean sawInput = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                if (sawInput) {
                    endLine();
                    return true;
                }
                return false;
            }
            sawInput = true;
            int newline = indexOfNewline(chunkPos, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            append(chunkPos, end);
            chunkPos = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                endLine();
                return true;
            }
        }
    }

    /** 1-based number of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** The current line's bytes, valid up to {@link #length()} until the next call to {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return keptBytes;
    }

    /** The current line's length in bytes, without its line end. */
    long fullLength() {
        return lineBytes;
    }

    boolean isOverLimit() {
        return lineBytes > maxLineBytes;
    }

    /** True for a line of nothing but spaces and tabs (and within the limit). */
    boolean isBlank() {
        if (isOverLimit()) {
            return false;
        }
        for (int i = 0; i < keptBytes; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** How many bytes the line buffer can hold: never more than the limit plus one. */
    int bufferCapacity() {
        return line.length;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void skipBom() throws IOException {
        int read = in.readNBytes(chunk, 0, BOM.length);
        boolean bom = read == BOM.length && Arrays.equals(chunk, 0, BOM.length, BOM, 0, BOM.length);
        chunkPos = bom ? BOM.length : 0;
        chunkEnd = read;
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(chunk, 0, chunk.length);
        } while (read == 0);
        if (read < 0) {
            return false;
        }
        chunkPos = 0;
        chunkEnd = read;
        return true;
    }

    private int indexOfNewline(int from, int to) {
        for (int i = from; i < to; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Keeps what fits under the limit (plus one byte, for a CR before the line end); counts the rest. */
    private void append(int from, int to) {
        int count = to - from;
        if (count == 0) {
            return;
        }
        lineBytes += count;
        lastByte = chunk[to - 1];
        int room = maxLineBytes + 1 - keptBytes;
        int kept = Math.min(count, room);
        if (kept > 0) {
            ensureCapacity(keptBytes + kept);
            System.arraycopy(chunk, from, line, keptBytes, kept);
            keptBytes += kept;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > line.length) {
            int grown = (int) Math.min((long) maxLineBytes + 1, Math.max(needed, 2L * line.length));
            line = Arrays.copyOf(line, grown);
        }
    }

    private void endLine() {
        lineNumber++;
        if (lineBytes > 0 && lastByte == '\r') {
            lineBytes--;
            keptBytes = (int) Math.min(keptBytes, lineBytes);
        }
    }
}
