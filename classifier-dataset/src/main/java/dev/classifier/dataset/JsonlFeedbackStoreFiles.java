package dev.classifier.dataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Which file a {@link JsonlFeedbackStore} reads and writes: the one at its path, which a purge (in any process) may
 * replace. Used by the store's writer thread, which takes the lock through here; readers only ask for
 * {@link #current()}.
 */
final class JsonlFeedbackStoreFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStoreFiles.class);

    private final Path path;
    private final JsonlFeedbackStoreLock lock;
    private final boolean tolerant;
    private final JsonlFeedbackStore.Syncer syncer;
    private final LongAdder bytesRead;
    private final Consumer<FeedbackLineProblem> problems;
    /** The file at the path as of the last time the writer thread held the lock. */
    private volatile JsonlFeedbackStoreFile current;

    JsonlFeedbackStoreFiles(Path path, JsonlFeedbackStoreLock lock, boolean tolerant,
                            JsonlFeedbackStore.Syncer syncer, LongAdder bytesRead,
                            Consumer<FeedbackLineProblem> problems) {
        this.path = path;
        this.lock = lock;
        this.tolerant = tolerant;
        this.syncer = syncer;
        this.bytesRead = bytesRead;
        this.problems = problems;
    }

    /** The file readers should read, with its index; null until the first {@link #lockCurrent()} returns. */
    JsonlFeedbackStoreFile current() {
        return current;
    }

    /**
     * Takes the lock on the file now at the path, indexed to its end: if a purge replaced the file, reads the new
     * one first (mostly without the lock) and makes it current. Returns holding the lock.
     */
    void lockCurrent() throws IOException {
        JsonlFeedbackStoreFile candidate = null;
        try {
            while (true) {
                lock.lock();
                boolean keep = false;
                try {
                    JsonlFeedbackStoreFile target = candidate != null ? candidate : current;
                    if (target != null && !target.isReplaced()) {
                        target.indexer.catchUpLocked();
                        keep = true;
                        if (target != current) {
                            publish(target);
                        }
                        candidate = null;
                        return;
                    }
                } finally {
                    if (!keep) {
                        lock.unlock();
                    }
                }
                if (candidate != null) {
                    candidate.close(); // replaced again while it was being read
                }
                candidate = load();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (candidate != null) {
                candidate.close();
            }
            throw e;
        }
    }

    void unlock() throws IOException {
        lock.unlock();
    }

    /** With the lock held, after this process renamed a new file to the path: reads it all and makes it current. */
    void replacedHere() throws IOException {
        JsonlFeedbackStoreFile rewritten = JsonlFeedbackStoreFile.open(path, tolerant, syncer, bytesRead, problems);
        try {
            rewritten.indexer.catchUpLocked();
        } catch (IOException | RuntimeException | Error e) {
            rewritten.close();
            throw e;
        }
        publish(rewritten);
    }

    /** Opens the file at the path (under the lock) and indexes its settled lines (without it). */
    private JsonlFeedbackStoreFile load() throws IOException {
        JsonlFeedbackStoreFile loaded;
        long settled;
        lock.lock();
        try {
            loaded = JsonlFeedbackStoreFile.open(path, tolerant, syncer, bytesRead, problems);
            try {
                // The lines before the last newline are settled: writers only append after them.
                settled = loaded.indexer.lastLineEnd(loaded.channel.size());
            } catch (IOException | RuntimeException e) {
                loaded.close();
                throw e;
            }
        } finally {
            lock.unlock();
        }
        try {
            loaded.indexer.indexLines(settled);
            return loaded;
        } catch (IOException | RuntimeException | Error e) {
            loaded.close();
            throw e;
        }
    }

    private void publish(JsonlFeedbackStoreFile file) {
        JsonlFeedbackStoreFile old = current;
        current = file;
        if (old != null) {
            old.retire();
            LOG.debug("{}: the file was replaced by a purge; reading the new one", path);
        }
    }

    /** Closes the current file. */
    @Override
    public void close() {
        JsonlFeedbackStoreFile last = current;
        if (last != null) {
            last.close();
        }
    }
}
