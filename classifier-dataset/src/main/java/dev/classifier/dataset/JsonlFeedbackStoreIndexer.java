package dev.classifier.dataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Brings a {@link JsonlFeedbackStoreIndex} up to date with its file: reads the whole lines it has not read yet
 * (never the file again from the start), and, while the store lock is held, moves a torn last line to a side file.
 * Used only by the store's writer thread.
 */
final class JsonlFeedbackStoreIndexer {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStoreIndexer.class);
    private static final int MAX_LOGGED_PROBLEMS = 100;

    private final Path file;
    private final FileChannel channel;
    private final JsonlFeedbackStoreIndex index;
    private final boolean tolerant;
    private final JsonlFeedbackStore.Syncer syncer;
    private final FeedbackLineFetcher idReader;
    private final Consumer<FeedbackLineProblem> problems;
    private final LongAdder bytesRead;
    private int problemsLogged;

    JsonlFeedbackStoreIndexer(Path file, FileChannel channel, JsonlFeedbackStoreIndex index, boolean tolerant,
                              JsonlFeedbackStore.Syncer syncer, LongAdder bytesRead,
                              Consumer<FeedbackLineProblem> problems) {
        this.file = file;
        this.channel = channel;
        this.index = index;
        this.tolerant = tolerant;
        this.syncer = syncer;
        this.bytesRead = bytesRead;
        this.problems = problems;
        this.idReader = new FeedbackLineFetcher(file, channel, 0, bytesRead);
    }

    /** The sequence of the add with this id, or 0 if the index knows none. */
    int sequenceOf(String id) throws IOException {
        for (int sequence : index.candidates(id)) {
            if (id.equals(idReader.id(index.offsetOf(sequence), index.lengthOf(sequence)))) {
                return sequence;
            }
        }
        return 0;
    }

    /** The offset just after the last newline before {@code size}, read backwards; 0 if there is none. */
    long lastLineEnd(long size) throws IOException {
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long blockEnd = size;
        while (blockEnd > 0) {
            long blockStart = Math.max(0, blockEnd - block.capacity());
            block.clear().limit((int) (blockEnd - blockStart));
            while (block.hasRemaining()) {
                if (channel.read(block, blockStart + block.position()) < 0) {
                    throw new IOException(file + " shrank while it was being read");
                }
            }
            bytesRead.add(block.limit());
            for (int i = block.limit() - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    return blockStart + i + 1;
                }
            }
            blockEnd = blockStart;
        }
        return 0;
    }

    /**
     * Indexes the whole lines from where the index ends up to {@code limit}. A bad line stops here with a
     * {@link FeedbackLineException} (the index keeps everything before it), unless tolerant, which skips it.
     */
    void indexLines(long limit) throws IOException {
        FeedbackLineScanner.scan(channel, index.end(), limit, index.lines() + 1, this::indexLine, bytesRead);
    }

    /**
     * With the store lock held (so no live writer is mid-line): indexes what other writers appended, and sets
     * aside whatever follows the last newline, which only a writer that died mid-line can have left.
     */
    void catchUpLocked() throws IOException {
        long size = channel.size();
        long end = index.end();
        if (size < end) {
            throw new IOException(file + " is " + size + " bytes, shorter than the " + end
                    + " already read: something other than a feedback store cut it");
        }
        if (size == end) {
            return;
        }
        indexLines(size);
        if (index.end() < size) {
            setAsideTornTail(index.end(), size);
        }
    }

    private void indexLine(byte[] buf, int off, int len, long offset, long lineNumber) throws IOException {
        if (isBlank(buf, off, len)) {
            index.advance(offset + len, lineNumber);
            return;
        }
        FeedbackLine line;
        try {
            line = FeedbackLineCodec.decode(buf, off, len);
        } catch (FeedbackLineCodec.BadLine e) {
            // Skipping would make a file of another kind (labelled rows) read as an empty store that then grows.
            boolean otherFile = e.otherFile && index.count() == 0;
            if (!tolerant || otherFile) {
                throw new FeedbackLineException(file, lineNumber, e.getMessage(), otherFile, null);
            }
            report(new FeedbackLineProblem(FeedbackLineProblem.Kind.BAD_LINE_SKIPPED, file, lineNumber, offset,
                    e.getMessage(), Optional.empty()));
            index.advance(offset + len, lineNumber);
            return;
        }
        int sequence = sequenceOf(line.id());
        if (line instanceof FeedbackLine.Added || line instanceof FeedbackLine.Tombstone) {
            if (sequence == 0) {
                index.appendAdd(line.id(), offset, len, line instanceof FeedbackLine.Tombstone);
            } else {
                LOG.debug("{} line {}: adds '{}' again; the first add counts", file, lineNumber, line.id());
            }
        } else if (line instanceof FeedbackLine.Retracted && sequence != 0 && !index.isRetracted(sequence)) {
            index.appendRetract(sequence, offset, len);
        } else if (line instanceof FeedbackLine.Purged && sequence != 0 && !index.isPurgeRecorded(sequence)) {
            index.appendPurge(sequence, offset, len);
        } else {
            LOG.debug("{} line {}: undoes '{}', which is not there to undo", file, lineNumber, line.id());
        }
        index.advance(offset + len, lineNumber);
    }

    /** Moves {@code [start, size)} to a side file, then cuts the store file back to {@code start}. */
    private void setAsideTornTail(long start, long size) throws IOException {
        Path side = createSideFile(start);
        try (FileChannel out = FileChannel.open(side, StandardOpenOption.WRITE)) {
            long position = start;
            while (position < size) {
                long n = channel.transferTo(position, size - position, out);
                if (n <= 0) {
                    throw new IOException("could not copy the torn tail of " + file + " to " + side);
                }
                position += n;
            }
            syncer.sync(out);
        }
        channel.truncate(start);
        syncer.sync(channel);
        report(new FeedbackLineProblem(FeedbackLineProblem.Kind.TORN_TAIL_SET_ASIDE, file, index.lines() + 1, start,
                (size - start) + " bytes after the last newline: a writer died mid-line", Optional.of(side)));
    }

    private Path createSideFile(long start) throws IOException {
        String base = file.getFileName() + ".torn-" + start + "-" + System.currentTimeMillis();
        for (int attempt = 0; ; attempt++) {
            Path side = file.resolveSibling(attempt == 0 ? base : base + "-" + attempt);
            try {
                FileChannel.open(side, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return side;
            } catch (FileAlreadyExistsException e) {
                // Another set-aside in the same millisecond: take the next name.
            }
        }
    }

    private void report(FeedbackLineProblem problem) {
        problems.accept(problem);
        if (problemsLogged < MAX_LOGGED_PROBLEMS) {
            LOG.warn("{}", problem);
        } else if (problemsLogged == MAX_LOGGED_PROBLEMS) {
            LOG.warn("{}: more problems; see JsonlFeedbackStore.problems()", file);
        }
        problemsLogged++;
    }

    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
