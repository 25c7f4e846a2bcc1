package dev.classifier.dataset;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One file a {@link JsonlFeedbackStore} has open, with its index: the file at the store's path until a purge
 * (in any process) replaces it with a rewritten one. The store then moves to a new {@code JsonlFeedbackStoreFile}
 * and retires this one; readers that began on it finish on it (its channel still reads the old file's bytes, at the
 * offsets of its own index), and its channels close when the last of them is done, which frees the old file's disk
 * space and with it the purged text.
 *
 * <p>Which file is open is told by the file system's key for it (device and inode on POSIX systems), taken under the
 * store lock, which every rename also happens under: while this object holds the file open, no other file can
 * have its key.
 */
final class JsonlFeedbackStoreFile implements AutoCloseable {

    final Path path;
    /** Read and write, for the store's writer thread only (an interrupt elsewhere would close it). */
    final FileChannel channel;
    /** The file system's key of the file open here; null where the file system has none. */
    final Object fileKey;
    final JsonlFeedbackStoreIndex index = new JsonlFeedbackStoreIndex();
    final JsonlFeedbackStoreIndexer indexer;
    /** Reads stored feedback back on the writer thread. */
    final FeedbackLineFetcher storedReader;
    private final LongAdder bytesRead;

    private FileChannel readChannel; // guarded by this
    private int readers;             // guarded by this
    private boolean retired;         // guarded by this
    private boolean closed;          // guarded by this

    private JsonlFeedbackStoreFile(Path path, FileChannel channel, FileChannel readChannel, Object fileKey,
                                   boolean tolerant, JsonlFeedbackStore.Syncer syncer, LongAdder bytesRead,
                                   Consumer<FeedbackLineProblem> problems) {
        this.path = path;
        this.channel = channel;
        this.readChannel = readChannel;
        this.fileKey = fileKey;
        this.bytesRead = bytesRead;
        this.indexer = new JsonlFeedbackStoreIndexer(path, channel, index, tolerant, syncer, bytesRead, problems);
        this.storedReader = new FeedbackLineFetcher(path, channel, 0, bytesRead);
    }

    /** Opens the file now at {@code path}, with an empty index. Call with the store lock held. */
    static JsonlFeedbackStoreFile open(Path path, boolean tolerant, JsonlFeedbackStore.Syncer syncer,
                                       LongAdder bytesRead, Consumer<FeedbackLineProblem> problems)
            throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileChannel readChannel = null;
        try {
            readChannel = FileChannel.open(path, StandardOpenOption.READ);
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return new JsonlFeedbackStoreFile(path, channel, readChannel, key, tolerant, syncer, bytesRead, problems);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (readChannel != null) {
                readChannel.close();
            }
            throw e;
        }
    }

    /** Whether a file was put in this one's place: by a purge, here or in another process. */
    boolean isReplaced() throws IOException {
        return isReplacedBy(attributes());
    }

    /** Whether the file these attributes describe is another than the one open here. */
    boolean isReplacedBy(BasicFileAttributes now) {
        return fileKey != null && !Objects.equals(fileKey, now.fileKey());
    }

    BasicFileAttributes attributes() throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "the store file is gone: something other than a"
                    + " feedback store removed or renamed it");
        }
    }

    /** Counts a reader in, unless this file is retired; then the reader takes the store's current file instead. */
    synchronized boolean acquire() {
        if (retired) {
            return false;
        }
        readers++;
        return true;
    }

    /** Counts a reader out; the last one out of a retired file closes it. */
    synchronized void release() {
        readers--;
        if (retired && readers == 0) {
            closeChannels();
        }
    }

    /** No new reader starts here; closes at once unless readers are still at work. */
    synchronized void retire() {
        retired = true;
        if (readers == 0) {
            closeChannels();
        }
    }

    /** The readers' channel; reopened if an interrupted reader closed it, as long as the file is still this one. */
    synchronized FileChannel readChannel() throws IOException {
        if (closed) {
            throw new IllegalStateException(path + ": this file of the store is closed");
        }
        if (!readChannel.isOpen()) {
            FileChannel reopened = FileChannel.open(path, StandardOpenOption.READ);
            if (isReplaced()) {
                reopened.close();
                throw new IOException(path + " was replaced by a purge while a read was under way and interrupted");
            }
            readChannel = reopened;
        }
        return readChannel;
    }

    /** A fetcher on the readers' channel, for one pass. */
    FeedbackLineFetcher fetcher(int readAhead) throws IOException {
        return new FeedbackLineFetcher(path, readChannel(), readAhead, bytesRead);
    }

    private void closeChannels() {
        if (closed) {
            return;
        }
        closed = true;
        for (FileChannel open : new FileChannel[] {readChannel, channel}) {
            try {
                open.close();
            } catch (IOException e) {
                // Read-only use, or the writer's, which synced everything it wrote: nothing is lost.
            }
        }
    }

    /** Closes both channels now, readers or not: the store is closing. */
    @Override
    public synchronized void close() {
        retired = true;
        closeChannels();
    }
}
