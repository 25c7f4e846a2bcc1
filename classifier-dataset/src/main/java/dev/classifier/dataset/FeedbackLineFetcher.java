package dev.classifier.dataset;

import dev.classifier.api.Feedback;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;

/**
 * Reads back lines at offsets the index knows. With read-ahead, a forward pass reads the file in large chunks;
 * without, each line costs exactly its own bytes (for random access, such as the newest few). Not thread-safe:
 * one per pass.
 */
final class FeedbackLineFetcher {

    static final int READ_AHEAD = 1 << 20;

    private final Path file;
    private final FileChannel channel;
    private final LongAdder bytesRead;
    private final byte[] window;
    private long windowStart;
    private int windowLength;

    FeedbackLineFetcher(Path file, FileChannel channel, int readAhead, LongAdder bytesRead) {
        this.file = file;
        this.channel = channel;
        this.bytesRead = bytesRead;
        this.window = new byte[readAhead];
    }

    /** The feedback of the add line at {@code offset}, or the tombstone a purge left there. */
    Feedback feedback(long offset, int length) throws IOException {
        Slice line = read(offset, length);
        try {
            FeedbackLine decoded = FeedbackLineCodec.decode(line.buf, line.off, length);
            if (decoded instanceof FeedbackLine.Added added) {
                return added.feedback();
            }
            if (decoded instanceof FeedbackLine.Tombstone tombstone) {
                return tombstone.tombstone();
            }
            throw changed(offset, "it is a retraction or a purge, not an add");
        } catch (FeedbackLineCodec.BadLine e) {
            throw changed(offset, e.getMessage());
        }
    }

    /** The id of the line at {@code offset}. */
    String id(long offset, int length) throws IOException {
        Slice line = read(offset, length);
        try {
            return FeedbackLineCodec.decodeId(line.buf, line.off, length);
        } catch (FeedbackLineCodec.BadLine e) {
            throw changed(offset, e.getMessage());
        }
    }

    private record Slice(byte[] buf, int off) {
    }

    private Slice read(long offset, int length) throws IOException {
        if (offset >= windowStart && offset + length <= windowStart + windowLength) {
            return new Slice(window, (int) (offset - windowStart));
        }
        if (length > window.length) {
            byte[] exact = new byte[length];
            readAtLeast(exact, length, offset);
            return new Slice(exact, 0);
        }
        windowLength = readAtLeast(window, length, offset);
        windowStart = offset;
        return new Slice(window, 0);
    }

    private IllegalStateException changed(long offset, String problem) {
        return new IllegalStateException(file + ": the line at offset " + offset
                + " no longer reads as what was indexed there (" + problem + "): was the file rewritten?");
    }

    /** Fills {@code into} from {@code offset} as far as the file goes; fails if that is less than {@code atLeast}. */
    private int readAtLeast(byte[] into, int atLeast, long offset) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into);
        while (buffer.position() < atLeast) {
            int n = channel.read(buffer, offset + buffer.position());
            if (n < 0) {
                throw new EOFException(file + " ends before the line at offset " + offset + " (" + atLeast
                        + " bytes) that the index knows: was it truncated by something else?");
            }
            bytesRead.add(n);
        }
        return buffer.position();
    }
}
