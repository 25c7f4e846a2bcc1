package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The durable {@link FeedbackStore}: one JSON object a line in an append-only UTF-8 file, in an explicit versioned
 * schema (named fields; unknown fields are ignored, a newer {@code "v"} is refused):
 *
 * <pre>
 * {"v":1,"op":"add","id":"...","article":{"id":"...","title":"...","body":"...","metadata":{"k":"v"}},
 *  "label":"...","predicted":"...","reason":"...","taxonomy":"...","created_at":"2026-01-02T03:04:05.678Z"}
 * {"v":1,"op":"retract","id":"...","at":"2026-01-02T03:04:05.678Z"}
 * </pre>
 *
 * ({@code predicted} and {@code taxonomy} are left out when absent.)
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
         * @throws FeedbackLineException on a bad line (unless tolerant)
         * @throws UncheckedIOException  when the file cannot be opened or read
         */
        public JsonlFeedbackStore open() {
            try {
                return new JsonlFeedbackStore(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open feedback store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final Path file;
    private final JsonlFeedbackStoreIndex index = new JsonlFeedbackStoreIndex();
    private final List<FeedbackLineProblem> problems = Collections.synchronizedList(new ArrayList<>());
    private final LongAdder bytesRead = new LongAdder();
    private final FileChannel writeChannel;
    private final JsonlFeedbackStoreLock lock;
    private final JsonlFeedbackStoreWriter writer;
    /** Readers' channel; reopened if an interrupted reader closed it. */
    private volatile FileChannel readChannel;
    private volatile boolean closed;

    private JsonlFeedbackStore(Builder builder) throws IOException {
        Path parent = builder.file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        this.file = builder.file;
        boolean created = !Files.exists(file);
        this.writeChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        JsonlFeedbackStoreLock openedLock = null;
        JsonlFeedbackStoreWriter startedWriter = null;
        try {
            if (created) {
                syncDirectory(parent); // the new file's name must survive a crash too
            }
            this.readChannel = FileChannel.open(file, StandardOpenOption.READ);
            openedLock = JsonlFeedbackStoreLock.open(file.resolveSibling(file.getFileName() + ".lock"));
            JsonlFeedbackStoreIndexer indexer = new JsonlFeedbackStoreIndexer(file, writeChannel, index,
                    builder.tolerant, builder.syncer, bytesRead, problems::add);
            startedWriter = new JsonlFeedbackStoreWriter(file, writeChannel, openedLock, index, indexer,
                    new FeedbackLineFetcher(file, writeChannel, 0, bytesRead), builder.syncer);
            startedWriter.start();
        } catch (IOException | RuntimeException | Error e) {
            closeQuietly(startedWriter, e);
            closeQuietly(readChannel, e);
            closeQuietly(openedLock, e);
            closeQuietly(writeChannel, e);
            throw e;
        }
        this.lock = openedLock;
        this.writer = startedWriter;
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
        Objects.requireNonNull(feedback, "feedback");
        ensureOpen();
        Optional<Feedback> stored = storedIfKnown(feedback.id());
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] line = FeedbackLineCodec.encode(new FeedbackLine.Added(feedback));
        return (Feedback) writer.commit(List.of(new JsonlFeedbackStoreWriter.AddOp(feedback, line)))[0];
    }

    @Override
    public List<Feedback> addAll(Collection<Feedback> feedback) {
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
        List<Feedback> stored = new ArrayList<>(results.length);
        for (Object result : results) {
            stored.add((Feedback) result);
        }
        return stored;
    }

    @Override
    public boolean retract(String feedbackId) {
        Objects.requireNonNull(feedbackId, "feedbackId");
        ensureOpen();
        return (Boolean) writer.commit(List.of(new JsonlFeedbackStoreWriter.RetractOp(feedbackId)))[0];
    }

    @Override
    public List<Feedback> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        ensureOpen();
        catchUpIfGrown();
        return read(index.newestLive(limit), 0);
    }

    @Override
    public Stream<Feedback> stream() {
        ensureOpen();
        catchUpIfGrown();
        JsonlFeedbackStoreIndex.Refs refs = index.liveAddsAfter(0);
        FeedbackLineFetcher fetcher = new FeedbackLineFetcher(file, readChannel(), readAhead(refs), bytesRead);
        Iterator<Feedback> iterator = new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < refs.size;
            }

            @Override
            public Feedback next() {
                if (next >= refs.size) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                try {
                    return fetcher.feedback(refs.offsets[i], refs.lengths[i]);
                } catch (IOException e) {
                    throw new UncheckedIOException("reading feedback from " + file + ": " + e.getMessage(), e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(iterator, refs.size,
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    @Override
    public List<FeedbackChange> changes(long sequence) {
        ensureOpen();
        catchUpIfGrown();
        JsonlFeedbackStoreIndex.Refs refs = index.changesAfter(sequence);
        List<Feedback> feedback = read(refs, readAhead(refs));
        List<FeedbackChange> changes = new ArrayList<>(refs.size);
        for (int i = 0; i < refs.size; i++) {
            FeedbackChange.Kind kind = refs.retractions[i] ? FeedbackChange.Kind.RETRACTED : FeedbackChange.Kind.ADDED;
            changes.add(new FeedbackChange(refs.sequences[i], kind, feedback.get(i)));
        }
        return changes;
    }

    /** Reads only the adds after {@code sequence} that are still live: never the lines before it. */
    @Override
    public List<Feedback> after(long sequence) {
        ensureOpen();
        catchUpIfGrown();
        JsonlFeedbackStoreIndex.Refs refs = index.liveAddsAfter(sequence);
        return read(refs, readAhead(refs));
    }

    @Override
    public long lastSequence() {
        if (!closed) {
            catchUpIfGrown();
        }
        return index.count();
    }

    @Override
    public int size() {
        if (!closed) {
            catchUpIfGrown();
        }
        return index.live();
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        IOException failure = null;
        for (AutoCloseable resource : new AutoCloseable[] {writer, readChannel, lock, writeChannel}) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("closing feedback store " + file, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new UncheckedIOException(failure);
        }
    }

    /** Bytes this store has read from its file, for tests that check what a call costs. */
    long bytesRead() {
        return bytesRead.sum();
    }

    @Override
    public String toString() {
        return "JsonlFeedbackStore[" + file + ", " + index.live() + " live of " + index.count() + " changes]";
    }

    /** The stored feedback with this id if the index already knows it (without asking other writers). */
    private Optional<Feedback> storedIfKnown(String id) {
        int[] candidates = index.candidates(id);
        if (candidates.length == 0) {
            return Optional.empty();
        }
        FeedbackLineFetcher fetcher = new FeedbackLineFetcher(file, readChannel(), 0, bytesRead);
        try {
            for (int sequence : candidates) {
                Feedback stored = fetcher.feedback(index.offsetOf(sequence), index.lengthOf(sequence));
                if (stored.id().equals(id)) {
                    return Optional.of(stored);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading feedback from " + file + ": " + e.getMessage(), e);
        }
    }

    /** If the file is not exactly what the index has read, let the writer thread read the rest (under the lock). */
    private void catchUpIfGrown() {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + file + ": " + e.getMessage(), e);
        }
        if (size != index.end()) {
            writer.catchUp();
        }
    }

    /** For a forward pass: a window as large as the bytes it spans, up to {@link FeedbackLineFetcher#READ_AHEAD}. */
    private static int readAhead(JsonlFeedbackStoreIndex.Refs refs) {
        long low = Long.MAX_VALUE;
        long high = 0;
        for (int i = 0; i < refs.size; i++) {
            low = Math.min(low, refs.offsets[i]);
            high = Math.max(high, refs.offsets[i] + refs.lengths[i]);
            if (high - low >= FeedbackLineFetcher.READ_AHEAD) {
                return FeedbackLineFetcher.READ_AHEAD;
            }
        }
        return (int) Math.max(0, high - low);
    }

    private List<Feedback> read(JsonlFeedbackStoreIndex.Refs refs, int readAhead) {
        FeedbackLineFetcher fetcher = new FeedbackLineFetcher(file, readChannel(), readAhead, bytesRead);
        List<Feedback> feedback = new ArrayList<>(refs.size);
        try {
            for (int i = 0; i < refs.size; i++) {
                feedback.add(fetcher.feedback(refs.offsets[i], refs.lengths[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading feedback from " + file + ": " + e.getMessage(), e);
        }
        return feedback;
    }

    private FileChannel readChannel() {
        FileChannel channel = readChannel;
        if (channel.isOpen()) {
            return channel;
        }
        synchronized (this) {
            ensureOpen();
            if (!readChannel.isOpen()) {
                try {
                    readChannel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new UncheckedIOException("reopening " + file + ": " + e.getMessage(), e);
                }
            }
            return readChannel;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("feedback store " + file + " is closed");
        }
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the file's own syncs still hold its contents.
        }
    }

    private static void closeQuietly(AutoCloseable resource, Throwable failure) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }
}
