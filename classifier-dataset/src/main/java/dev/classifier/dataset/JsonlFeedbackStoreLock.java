package dev.classifier.dataset;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Excludes every other writer of one store file while held: threads of this JVM through a {@link ReentrantLock},
 * other processes through a {@link FileLock} on a sibling {@code .lock} file.
 *
 * <p>Both are needed, and the lock channel is shared by all stores of one JVM on the same file, because a
 * FileLock belongs to the whole JVM (a second attempt from the same JVM throws instead of waiting) and POSIX
 * drops a process's locks on a file as soon as any of its channels to that file is closed. The lock lives on a
 * separate file so that opening and closing the data file never drops it.
 */
final class JsonlFeedbackStoreLock implements AutoCloseable {

    private static final Map<Path, Shared> SHARED = new HashMap<>();

    private static final class Shared {
        final Path path;
        final FileChannel channel;
        final ReentrantLock threads = new ReentrantLock();
        int users;
        FileLock held;

        Shared(Path path, FileChannel channel) {
            this.path = path;
            this.channel = channel;
        }
    }

    private final Shared shared;
    private boolean closed;

    private JsonlFeedbackStoreLock(Shared shared) {
        this.shared = shared;
    }

    static JsonlFeedbackStoreLock open(Path lockFile) throws IOException {
        try {
            Files.createFile(lockFile);
        } catch (FileAlreadyExistsException e) {
            // Made by an earlier or another store: the same lock.
        }
        Path key = lockFile.toRealPath();
        synchronized (SHARED) {
            Shared shared = SHARED.get(key);
            if (shared == null) {
                shared = new Shared(key, FileChannel.open(key, StandardOpenOption.WRITE));
                SHARED.put(key, shared);
            }
            shared.users++;
            return new JsonlFeedbackStoreLock(shared);
        }
    }

    /** Blocks until no other thread or process holds the lock. Call from a thread nobody interrupts. */
    void lock() throws IOException {
        shared.threads.lock();
        try {
            shared.held = shared.channel.lock();
        } catch (IOException | RuntimeException | Error e) {
            shared.threads.unlock();
            throw e;
        }
    }

    void unlock() throws IOException {
        try {
            FileLock held = shared.held;
            shared.held = null;
            held.release();
        } finally {
            shared.threads.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (SHARED) {
            if (closed) {
                return;
            }
            closed = true;
            if (--shared.users == 0) {
                SHARED.remove(shared.path);
                shared.channel.close();
            }
        }
    }
}
