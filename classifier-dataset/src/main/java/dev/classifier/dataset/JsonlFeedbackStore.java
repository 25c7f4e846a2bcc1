package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.FeedbackStoreException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * The durable {@link FeedbackStore}: one JSON object a line in an append-only UTF-8 file, in an explicit versioned
 * schema (named fields; unknown fields are ignored, a newer {@code "v"} is refused):
 *
 * <pre>
 * {"v":1,"op":"add","id":"...","article":{"id":"...","title":"...","body":"...","metadata":{"k":"v"}},
 *  "label":"...","predicted":"...","reason":"...","taxonomy":"...","created_at":"2026-01-02T03:04:05.678Z",
 *  "source":{"kind":"person","name":"..."}}
 * {"v":1,"op":"retract","id":"...","at":"2026-01-02T03:04:05.678Z"}
 * {"v":2,"op":"purged","id":"...","article_id":"...","label":"...","created_at":"...","source":{"kind":"person"}}
 *                                                                                     (in place of a purged add)
 * {"v":2,"op":"purge","id":"...","at":"2026-01-02T03:04:05.678Z"}
 * </pre>
 *
 * ({@code predicted}, {@code taxonomy} and {@code source} are left out when absent; a line without {@code source},
 * as every line written before the store kept it, reads as {@link dev.classifier.api.FeedbackSource#UNKNOWN}. A
 * tombstone keeps the source's kind, not its name.)
 *
 * <ul>
 *   <li>{@link #add} returns only when its line is synced to disk; adds of many threads share one sync
 *       (group commit, on the store's writer thread).</li>
 *   <li>Many threads and many processes may append to one file: every append happens under a file lock (a
 *       sibling {@code .lock} file), and a writer that finds the file not ending in a newline (another writer
 *       died mid-line) first moves that torn tail to a side file, so a dead writer never spoils a live one's line.</li>
 *   <li>On open a torn last line is set aside the same way (logged, and listed in {@link #problems()}); a bad
 *       whole line is a {@link FeedbackLineException} naming the line, unless opened {@linkplain
 *       Builder#tolerant(boolean) tolerant}, which skips and reports it.</li>
 *   <li>Sequences are positions in the file's list of changes, so every process numbers them alike. Reads check
 *       the file's size and read only what other writers appended since (never the whole file again).</li>
 *   <li>{@link #purge} is the one change that does not append: it rewrites the file without the text (a new file
 *       beside it, synced, renamed over it, the directory synced; under the lock, so a crash leaves the old file or
 *       the new one, whole), keeping every sequence. Other stores on the file, in this process or another, notice
 *       the new file by its file-system key (inode) before their next read or write, and read it again.</li>
 *   <li>Failures of the file are {@link FeedbackStoreException}s, thrown in the caller's thread; a bad line is
 *       its subclass {@link FeedbackLineException}.</li>
 * </ul>
 *
 * <p>Memory: the store keeps offsets, lengths and 32-bit id hashes (about 35 bytes a change), not the feedback,
 * which it reads back from the file when asked; {@link #recent} and {@link #after} read only the lines they return.
 */
public final class JsonlFeedbackStore implements FeedbackStore {

    /** Makes what was written to the channel durable; the seam through which tests watch the sync happen. */
    @FunctionalInterface
    public interface Syncer {

        void sync(FileChannel channel) throws IOException;

        /** {@code channel.force(false)}: the data, and the metadata needed to read it back (such as the size). */
        static Syncer force() {
            return channel -> channel.force(false);
        }
    }

    /** Opens (or creates) a store file with the defaults: strict about bad lines, synced with {@code force}. */
    public static JsonlFeedbackStore open(Path file) {
        return builder(file).open();
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    public static final class Builder {
        private final Path file;
        private boolean tolerant;
        private Syncer syncer = Syncer.force();

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Skip bad lines (and report them in {@link #problems()}) instead of failing on the first. */
        public Builder tolerant(boolean tolerant) {
            this.tolerant = tolerant;
            return this;
        }

        public Builder syncer(Syncer syncer) {
            this.syncer = Objects.requireNonNull(syncer, "syncer");
            return this;
        }

        /**
         * @throws FeedbackLineException  on a bad line (unless tolerant), or a file that is not a store file
         * @throws FeedbackStoreException when the file cannot be opened or read
         */
        public JsonlFeedbackStore open() {
            try {
                return new JsonlFeedbackStore(this);
            } catch (IOException e) {
                throw new FeedbackStoreException("cannot open feedback store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final Path file;
    private final List<FeedbackLineProblem> problems = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder bytesRead = new LongAdder();
    private final JsonlFeedbackStoreLock lock;
    private final JsonlFeedbackStoreWriter writer;
    private final JsonlFeedbackStoreReads reads;
    private volatile boolean closed;

    private JsonlFeedbackStore(Builder builder) throws IOException {
        Path parent = builder.file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.file = builder.file;
        try {
            Files.createFile(file);
            syncDirectory(parent); // the new file's name must survive a crash too
        } catch (FileAlreadyExistsException e) {
            // An existing store, or one another process has just made.
        }
        this.lock = JsonlFeedbackStoreLock.open(file.resolveSibling(file.getFileName() + ".lock"));
        JsonlFeedbackStoreWriter started = new JsonlFeedbackStoreWriter(file, lock, builder.tolerant, builder.syncer,
                bytesRead, problems::add);
        try {
            started.start();
        } catch (RuntimeException | Error e) {
            closeQuietly(started, e);
            closeQuietly(lock, e);
            throw e;
        }
        this.writer = started;
        this.reads = new JsonlFeedbackStoreReads(file, started, this::ensureOpen);
    }

    public Path file() {
        return file;
    }

    /** What was set aside (torn tails) or skipped (bad lines, in tolerant mode) since this store was opened. */
    public List<FeedbackLineProblem> problems() {
        synchronized (problems) {
            return List.copyOf(problems);
        }
    }

    @Override
    public Feedback add(Feedback feedback) {
        return addWithReceipt(feedback).feedback();
    }

    /** An id the index knows already costs a read of its line, and no write. */
    @Override
    public FeedbackReceipt addWithReceipt(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        ensureOpen();
        Optional<FeedbackReceipt> stored = reads.storedIfKnown(feedback.id());
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] line = FeedbackLineCodec.encode(new FeedbackLine.Added(feedback));
        return (FeedbackReceipt) writer.commit(List.of(new JsonlFeedbackStoreWriter.AddOp(feedback, line)))[0];
    }

    @Override
    public List<Feedback> addAll(Collection<Feedback> feedback) {
        return addAllWithReceipts(feedback).stream().map(FeedbackReceipt::feedback).toList();
    }

    @Override
    public List<FeedbackReceipt> addAllWithReceipts(Collection<Feedback> feedback) {
        ensureOpen();
        List<JsonlFeedbackStoreWriter.Op> ops = new ArrayList<>(feedback.size());
        for (Feedback f : feedback) {
            Objects.requireNonNull(f, "feedback");
            ops.add(new JsonlFeedbackStoreWriter.AddOp(f, FeedbackLineCodec.encode(new FeedbackLine.Added(f))));
        }
        if (ops.isEmpty()) {
            return List.of();
        }
        Object[] results = writer.commit(ops);
        List<FeedbackReceipt> receipts = new ArrayList<>(results.length);
        for (Object result : results) {
            receipts.add((FeedbackReceipt) result);
        }
        return receipts;
    }

    @Override
    public boolean retract(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        ensureOpen();
        return (Boolean) writer.commit(List.of(new JsonlFeedbackStoreWriter.RetractOp(feedbackId, false)))[0];
    }

    /**
     * Costs a read of the feedback's line besides the retraction; for feedback undone before, also a walk of the
     * index after its add.
     */
    @Override
    public Optional<FeedbackReceipt> retractWithReceipt(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        ensureOpen();
        Object result = writer.commit(List.of(new JsonlFeedbackStoreWriter.RetractOp(feedbackId, true)))[0];
        return ((Optional<?>) result).map(FeedbackReceipt.class::cast);
    }

    /**
     * Rewrites the file without the text of these articles' feedback (see the class comment); reads the whole file
     * and writes it again, so purge many articles in one call. Feedback in torn tails set aside earlier that names
     * one of the articles is deleted with its side file.
     */
    @Override
    public List<String> purge(Collection<String> articleIds) {
        Set<String> articles = Set.copyOf(articleIds);
        ensureOpen();
        if (articles.isEmpty()) {
            return List.of();
        }
        Object purged = writer.commit(List.of(new JsonlFeedbackStoreWriter.PurgeOp(articles)))[0];
        return ((List<?>) purged).stream().map(String.class::cast).toList();
    }

    @Override
    public List<Feedback> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        ensureOpen();
        return reads.recent(limit);
    }

    @Override
    public Stream<Feedback> stream() {
        ensureOpen();
        return reads.stream();
    }

    @Override
    public List<FeedbackChange> changes(long sequence) {
        ensureOpen();
        return reads.changes(sequence);
    }

    /** Reads only the adds after {@code sequence} that are still live: never the lines before it. */
    @Override
    public List<Feedback> after(long sequence) {
        ensureOpen();
        return reads.after(sequence);
    }

    @Override
    public long lastSequence() {
        if (!closed) {
            reads.catchUpIfChanged();
        }
        return writer.current().index.count();
    }

    @Override
    public int size() {
        if (!closed) {
            reads.catchUpIfChanged();
        }
        return writer.current().index.live();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        FeedbackStoreException failure = null;
        for (AutoCloseable resource : new AutoCloseable[] {writer, lock}) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new FeedbackStoreException("closing feedback store " + file + ": " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Bytes this store has read from its file, for tests that check what a call costs. */
    long bytesRead() {
        return bytesRead.sum();
    }

    @Override
    public String toString() {
        JsonlFeedbackStoreIndex index = writer.current().index;
        return "JsonlFeedbackStore[" + file + ", " + index.live() + " live of " + index.count() + " changes]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("feedback store " + file + " is closed");
        }
    }

    static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the file's own syncs still hold its contents.
        }
    }

    private static void closeQuietly(AutoCloseable resource, Throwable failure) {
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
