package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The one thread of a {@link JsonlFeedbackStore} that takes the store lock, reads what other writers appended and
 * writes (group commit): callers queue their changes and wait; the thread takes everything queued, appends it with
 * one write under the lock, syncs once, and only then releases every caller of the batch. A purge rewrites the file
 * (see {@link JsonlFeedbackStorePurge}) between the appends before and after it. All I/O that needs the lock happens
 * here, on a thread nobody interrupts (an interrupt would close a shared channel).
 *
 * <p>Each time it takes the lock it checks that the file at the store's path is still the one it has open: after a
 * purge in another process it is not, and the thread reads the new file (the lines up to its last newline without
 * the lock, the rest with it) before it writes, so that nothing is appended to a file nobody reads any more.
 */
final class JsonlFeedbackStoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStoreWriter.class);
    private static final int WRITE_CHUNK = 64 * 1024;

    /** A change a caller asks for. */
    sealed interface Op permits AddOp, RetractOp, PurgeOp {
    }

    /** Add, with the line already encoded by the caller's thread; returns a FeedbackReceipt. */
    record AddOp(Feedback feedback, byte[] line) implements Op {
    }

    /**
     * Returns a Boolean, whether live feedback was retracted; or, {@code withReceipt}, an Optional FeedbackReceipt
     * (empty for an unknown id), for which the feedback's line is read.
     */
    record RetractOp(String id, boolean withReceipt) implements Op {
    }

    /** Alone in its request; returns the List of purged feedback ids. */
    record PurgeOp(Set<String> articleIds) implements Op {
    }

    /** One caller's request: its changes (none: just catch up) and, when done, one result per change. */
    private static final class Job {
        final List<Op> ops;
        final Object[] results;
        final CompletableFuture<Object[]> done = new CompletableFuture<>();

        Job(List<Op> ops) {
            this.ops = ops;
            this.results = new Object[ops.size()];
        }

        boolean isPurge() {
            return ops.size() == 1 && ops.get(0) instanceof PurgeOp;
        }
    }

    private static final Job STOP = new Job(List.of());

    private final Path path;
    private final JsonlFeedbackStoreFiles files;
    private final JsonlFeedbackStore.Syncer syncer;
    private final LongAdder bytesRead;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_CHUNK);
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private boolean stopping; // guarded by this

    JsonlFeedbackStoreWriter(Path path, JsonlFeedbackStoreLock lock, boolean tolerant,
                             JsonlFeedbackStore.Syncer syncer, LongAdder bytesRead,
                             Consumer<FeedbackLineProblem> problems) {
        this.path = path;
        this.files = new JsonlFeedbackStoreFiles(path, lock, tolerant, syncer, bytesRead, problems);
        this.syncer = syncer;
        this.bytesRead = bytesRead;
        this.thread = new Thread(this::run, "jsonl-feedback-store-writer " + path.getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts the thread and waits until it has indexed the file. */
    void start() {
        thread.start();
        await(ready);
    }

    /** The file readers should read, with its index. */
    JsonlFeedbackStoreFile current() {
        return files.current();
    }

    /** Queues the changes and waits until they are on disk; one result per change. */
    Object[] commit(List<Op> ops) {
        Job job = new Job(ops);
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("feedback store " + path + " is closed");
            }
            queue.add(job);
        }
        return await(job.done);
    }

    /** Waits until the index holds every whole line other writers have appended, in the file now at the path. */
    void catchUp() {
        commit(List.of());
    }

    private void run() {
        try {
            files.lockCurrent();
            try {
                JsonlFeedbackStorePurge.removeLeftOvers(path);
            } finally {
                files.unlock();
            }
            ready.complete(null);
        } catch (Throwable e) {
            ready.completeExceptionally(e);
            return;
        }
        List<Job> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            batch.clear();
            batch.add(takeUninterruptibly());
            queue.drainTo(batch);
            stop = batch.remove(STOP); // nothing is queued after STOP
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
        }
    }

    private void commitBatch(List<Job> batch) {
        try {
            files.lockCurrent();
        } catch (IOException | RuntimeException | Error e) {
            fail(batch, e);
            return;
        }
        try {
            List<Job> appends = new ArrayList<>();
            for (Job job : batch) {
                if (job.isPurge()) {
                    commitAppends(appends);
                    appends.clear();
                    commitPurge(job);
                } else {
                    appends.add(job);
                }
            }
            commitAppends(appends);
        } finally {
            try {
                files.unlock();
            } catch (IOException e) {
                LOG.error("{}: could not release the store lock", path, e);
            }
        }
    }

    private void commitAppends(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            JsonlFeedbackStoreAppend append = new JsonlFeedbackStoreAppend(files.current(), syncer, writeBuffer);
            for (Job job : jobs) {
                for (int i = 0; i < job.ops.size(); i++) {
                    Op op = job.ops.get(i);
                    job.results[i] = op instanceof AddOp add ? append.add(add.feedback(), add.line())
                            : retract(append, (RetractOp) op);
                }
            }
            append.write();
            for (Job job : jobs) {
                job.done.complete(job.results);
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(jobs, e);
        }
    }

    /** A retraction's result: a Boolean, or the Optional receipt with the feedback read (planned, or in the file). */
    private static Object retract(JsonlFeedbackStoreAppend append, RetractOp op) throws IOException {
        Optional<JsonlFeedbackStoreAppend.Retraction> done = append.retract(op.id());
        if (!op.withReceipt()) {
            return done.isPresent() && done.get().changed();
        }
        if (done.isEmpty()) {
            return Optional.empty();
        }
        JsonlFeedbackStoreAppend.Retraction r = done.get();
        return Optional.of(new FeedbackReceipt(append.feedbackOf(r), r.undoneAt(), r.changed()));
    }

    private void commitPurge(Job job) {
        try {
            PurgeOp purge = (PurgeOp) job.ops.get(0);
            JsonlFeedbackStorePurge.Result result = JsonlFeedbackStorePurge.run(files.current(), purge.articleIds(),
                    syncer, bytesRead);
            if (result.rewritten()) {
                files.replacedHere();
            }
            job.results[0] = result.purged();
            job.done.complete(job.results);
        } catch (IOException | RuntimeException | Error e) {
            fail(List.of(job), e);
        }
    }

    private void fail(List<Job> jobs, Throwable e) {
        if (e instanceof Error) {
            LOG.error("{}: the writer failed; it goes on with the next batch", path, e);
        }
        for (Job job : jobs) {
            job.done.completeExceptionally(e);
        }
    }

    private Job takeUninterruptibly() {
        while (true) {
            try {
                return queue.take();
            } catch (InterruptedException e) {
                // Only close() stops this thread, and only through the queue.
            }
        }
    }

    /** Stops the thread once it has done what is queued, then closes the file it has open. */
    @Override
    public void close() {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            queue.add(STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        files.close();
    }

    /**
     * The result of work done on the writer thread; its failure is thrown again from the caller's thread, as a new
     * exception with the writer's as its cause, so that the stack trace shows where the caller was.
     */
    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof FeedbackLineException line) {
                throw line.rethrownHere();
            }
            if (cause instanceof Error error) {
                throw error;
            }
            String message = cause instanceof FeedbackStoreException || cause instanceof IOException
                    ? String.valueOf(cause.getMessage()) : cause.toString();
            throw new FeedbackStoreException(message.contains(path.toString()) ? message
                    : "feedback store " + path + ": " + message, cause);
        }
    }
}
