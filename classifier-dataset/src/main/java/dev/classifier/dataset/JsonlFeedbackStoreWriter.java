package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The one thread of a {@link JsonlFeedbackStore} that takes the store lock, reads what other writers appended and
 * writes (group commit): callers queue their changes and wait; the thread takes everything queued, appends it with
 * one write under the lock, syncs once, and only then releases every caller of the batch. All I/O that needs the
 * lock happens here, on a thread nobody interrupts (an interrupt would close a shared channel).
 */
final class JsonlFeedbackStoreWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStoreWriter.class);
    private static final int WRITE_CHUNK = 64 * 1024;

    /** A change a caller asks for. */
    sealed interface Op permits AddOp, RetractOp {
    }

    /** Add, with the line already encoded by the caller's thread. */
    record AddOp(Feedback feedback, byte[] line) implements Op {
    }

    record RetractOp(String id) implements Op {
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
    }

    private static final Job STOP = new Job(List.of());

    private final Path file;
    private final FileChannel channel;
    private final JsonlFeedbackStoreLock lock;
    private final JsonlFeedbackStoreIndex index;
    private final JsonlFeedbackStoreIndexer indexer;
    private final FeedbackLineFetcher storedReader;
    private final JsonlFeedbackStore.Syncer syncer;
    private final ByteBuffer writeBuffer = ByteBuffer.allocateDirect(WRITE_CHUNK);
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Thread thread;
    private boolean stopping; // guarded by this

    JsonlFeedbackStoreWriter(Path file, FileChannel channel, JsonlFeedbackStoreLock lock,
                             JsonlFeedbackStoreIndex index, JsonlFeedbackStoreIndexer indexer,
                             FeedbackLineFetcher storedReader, JsonlFeedbackStore.Syncer syncer) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.index = index;
        this.indexer = indexer;
        this.storedReader = storedReader;
        this.syncer = syncer;
        this.thread = new Thread(this::run, "jsonl-feedback-store-writer " + file.getFileName());
        this.thread.setDaemon(true);
    }

    /** Starts the thread and waits until it has indexed the file. */
    void start() {
        thread.start();
        await(ready);
    }

    /** Queues the changes and waits until they are on disk; one result per change (Feedback or Boolean). */
    Object[] commit(List<Op> ops) {
        Job job = new Job(ops);
        synchronized (this) {
            if (stopping) {
                throw new IllegalStateException("feedback store " + file + " is closed");
            }
            queue.add(job);
        }
        return await(job.done);
    }

    /** Waits until the index holds every whole line other writers have appended. */
    void catchUp() {
        commit(List.of());
    }

    private void run() {
        try {
            loadIndex();
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

    /**
     * Reads the file into the index. The lines before the last newline are settled (writers only append after
     * them, or cut a torn tail after them), so they are read without holding the lock; the rest under it.
     */
    private void loadIndex() throws IOException {
        long settled;
        lock.lock();
        try {
            settled = indexer.lastLineEnd(channel.size());
        } finally {
            lock.unlock();
        }
        indexer.indexLines(settled);
        lock.lock();
        try {
            indexer.catchUpLocked();
        } finally {
            lock.unlock();
        }
    }

    private void commitBatch(List<Job> batch) {
        try {
            lock.lock();
        } catch (IOException | RuntimeException | Error e) {
            fail(batch, e);
            return;
        }
        try {
            indexer.catchUpLocked();
            Plan plan = plan(batch);
            if (!plan.lines.isEmpty()) {
                write(plan);
            }
            for (Job job : batch) {
                job.done.complete(job.results);
            }
        } catch (IOException | RuntimeException | Error e) {
            fail(batch, e);
        } finally {
            try {
                lock.unlock();
            } catch (IOException e) {
                LOG.error("{}: could not release the store lock", file, e);
            }
        }
    }

    /** What a batch will append, and what each change returns; duplicates are decided here, under the lock. */
    private static final class Plan {
        final List<byte[]> lines = new ArrayList<>();
        /** Per line: the id added, or null for a retraction. */
        final List<String> addedIds = new ArrayList<>();
        /** Per line: the add sequence a retraction undoes, or 0 for an add. */
        final List<Integer> retractedSequences = new ArrayList<>();
        final Map<String, Integer> sequenceByNewId = new HashMap<>();
        final Map<String, Feedback> feedbackByNewId = new HashMap<>();
        final Set<Integer> retractedHere = new HashSet<>();
        int nextSequence;

        long bytes() {
            long total = 0;
            for (byte[] line : lines) {
                total += line.length;
            }
            return total;
        }
    }

    private Plan plan(List<Job> batch) throws IOException {
        Plan plan = new Plan();
        plan.nextSequence = index.count() + 1;
        for (Job job : batch) {
            for (int i = 0; i < job.ops.size(); i++) {
                Op op = job.ops.get(i);
                job.results[i] = op instanceof AddOp add ? planAdd(plan, add) : planRetract(plan, (RetractOp) op);
            }
        }
        return plan;
    }

    private Feedback planAdd(Plan plan, AddOp add) throws IOException {
        String id = add.feedback().id();
        Feedback planned = plan.feedbackByNewId.get(id);
        if (planned != null) {
            return planned;
        }
        int stored = indexer.sequenceOf(id);
        if (stored != 0) {
            return storedReader.feedback(index.offsetOf(stored), index.lengthOf(stored));
        }
        plan.lines.add(add.line());
        plan.addedIds.add(id);
        plan.retractedSequences.add(0);
        plan.sequenceByNewId.put(id, plan.nextSequence++);
        plan.feedbackByNewId.put(id, add.feedback());
        return add.feedback();
    }

    private Boolean planRetract(Plan plan, RetractOp retract) throws IOException {
        Integer target = plan.sequenceByNewId.get(retract.id());
        if (target == null) {
            int stored = indexer.sequenceOf(retract.id());
            if (stored == 0 || index.isRetracted(stored)) {
                return false;
            }
            target = stored;
        }
        if (!plan.retractedHere.add(target)) {
            return false;
        }
        plan.lines.add(FeedbackLineCodec.encode(new FeedbackLine.Retracted(retract.id(), Instant.now())));
        plan.addedIds.add(null);
        plan.retractedSequences.add(target);
        plan.nextSequence++;
        return true;
    }

    /** Appends the batch, syncs it, and only then indexes it. On failure cuts the file back to where it was. */
    private void write(Plan plan) throws IOException {
        long start = index.end();
        try {
            long end = append(plan.lines, start);
            syncer.sync(channel);
            if (end != start + plan.bytes()) {
                throw new IOException("wrote " + (end - start) + " bytes of " + plan.bytes());
            }
        } catch (IOException | RuntimeException | Error e) {
            rollBack(start, e);
            throw e;
        }
        long offset = start;
        for (int i = 0; i < plan.lines.size(); i++) {
            int length = plan.lines.get(i).length;
            String addedId = plan.addedIds.get(i);
            if (addedId != null) {
                index.appendAdd(addedId, offset, length);
            } else {
                index.appendRetract(plan.retractedSequences.get(i), offset, length);
            }
            offset += length;
        }
        index.advance(offset, index.lines() + plan.lines.size());
        LOG.trace("{}: appended {} lines in one sync", file, plan.lines.size());
    }

    /**
     * Writes the lines at {@code position} through one bounded direct buffer: a large batch goes out in
     * {@value #WRITE_CHUNK}-byte writes, rather than making the JDK allocate (and keep) a temporary direct buffer
     * as large as the batch. Returns the position after the last byte.
     */
    private long append(List<byte[]> lines, long position) throws IOException {
        writeBuffer.clear();
        for (byte[] line : lines) {
            int done = 0;
            while (done < line.length) {
                int n = Math.min(writeBuffer.remaining(), line.length - done);
                writeBuffer.put(line, done, n);
                done += n;
                if (!writeBuffer.hasRemaining()) {
                    position = drain(position);
                }
            }
        }
        return drain(position);
    }

    private long drain(long position) throws IOException {
        writeBuffer.flip();
        while (writeBuffer.hasRemaining()) {
            position += channel.write(writeBuffer, position);
        }
        writeBuffer.clear();
        return position;
    }

    /** Nobody was told these lines are stored: take them out again, so that no reader indexes them. */
    private void rollBack(long start, Throwable cause) {
        try {
            channel.truncate(start);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.error("{}: a failed append could not be cut back to {} bytes; its lines may still be read", file,
                    start, e);
            return;
        }
        try {
            syncer.sync(channel);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("{}: a failed append was cut back to {} bytes, but the cut could not be synced", file, start);
        }
    }

    private void fail(List<Job> batch, Throwable e) {
        if (e instanceof Error) {
            LOG.error("{}: the writer failed; it goes on with the next batch", file, e);
        }
        for (Job job : batch) {
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

    @Override
    public void close() throws IOException {
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
    }

    private <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(file + ": " + io.getMessage(), io);
            }
            throw e;
        }
    }
}
