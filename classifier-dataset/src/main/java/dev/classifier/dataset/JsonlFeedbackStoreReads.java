package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackReceipt;
import dev.classifier.api.FeedbackStoreException;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The reads of a {@link JsonlFeedbackStore}: each first lets the writer thread catch up if the file grew or was
 * replaced, then reads, on the file current at that moment, the lines that file's index points to. A read counts
 * itself in on its file, so that a purge moving the store to a new file meanwhile does not close it under the read.
 */
final class JsonlFeedbackStoreReads {

    private final Path file;
    private final JsonlFeedbackStoreWriter writer;
    private final Runnable ensureOpen;

    JsonlFeedbackStoreReads(Path file, JsonlFeedbackStoreWriter writer, Runnable ensureOpen) {
        this.file = file;
        this.writer = writer;
        this.ensureOpen = ensureOpen;
    }

    /** The newest live feedback, newest first. */
    List<Feedback> recent(int limit) {
        catchUpIfChanged();
        return read(f -> fetch(f, f.index.newestLive(limit), false));
    }

    List<FeedbackChange> changes(long sequence) {
        catchUpIfChanged();
        return read(f -> {
            JsonlFeedbackStoreIndex.Refs refs = f.index.changesAfter(sequence);
            List<Feedback> feedback = fetch(f, refs, true);
            List<FeedbackChange> changes = new ArrayList<>(refs.size);
            for (int i = 0; i < refs.size; i++) {
                changes.add(new FeedbackChange(refs.sequences[i], refs.kinds[i], feedback.get(i)));
            }
            return changes;
        });
    }

    /** The live adds after {@code sequence}: never the lines before it. */
    List<Feedback> after(long sequence) {
        catchUpIfChanged();
        return read(f -> fetch(f, f.index.liveAddsAfter(sequence), true));
    }

    /** All live feedback, read lazily from the file current now, which the stream holds until it is closed. */
    Stream<Feedback> stream() {
        catchUpIfChanged();
        JsonlFeedbackStoreFile f = acquire();
        try {
            JsonlFeedbackStoreIndex.Refs refs = f.index.liveAddsAfter(0);
            FeedbackLineFetcher fetcher = f.fetcher(readAhead(refs));
            LiveFeedback iterator = new LiveFeedback(f, refs, fetcher);
            return StreamSupport.stream(Spliterators.spliterator(iterator, refs.size,
                    Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false)
                    .onClose(iterator::release);
        } catch (IOException e) {
            f.release();
            throw readFailure(e);
        } catch (RuntimeException | Error e) {
            f.release();
            throw e;
        }
    }

    /** Reads a stream's feedback from the file it began on; leaves that file when done or closed. */
    private final class LiveFeedback implements Iterator<Feedback> {
        private final JsonlFeedbackStoreFile from;
        private final JsonlFeedbackStoreIndex.Refs refs;
        private final FeedbackLineFetcher fetcher;
        private final AtomicBoolean released = new AtomicBoolean();
        private int next;

        LiveFeedback(JsonlFeedbackStoreFile from, JsonlFeedbackStoreIndex.Refs refs, FeedbackLineFetcher fetcher) {
            this.from = from;
            this.refs = refs;
            this.fetcher = fetcher;
        }

        @Override
        public boolean hasNext() {
            if (next < refs.size) {
                return true;
            }
            release();
            return false;
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
                throw readFailure(e);
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                from.release();
            }
        }
    }

    /**
     * The stored feedback with this id and the sequence of its add, if the index already knows it (without asking
     * other writers).
     */
    Optional<FeedbackReceipt> storedIfKnown(String id) {
        return read(f -> {
            int[] candidates = f.index.candidates(id);
            if (candidates.length == 0) {
                return Optional.empty();
            }
            FeedbackLineFetcher fetcher = f.fetcher(0);
            for (int sequence : candidates) {
                Feedback stored = fetcher.feedback(f.index.offsetOf(sequence), f.index.lengthOf(sequence));
                if (stored.id().equals(id)) {
                    return Optional.of(new FeedbackReceipt(stored, sequence, false));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * If the file at the path is not exactly what the index has read (it grew, or a purge replaced it), lets the
     * writer thread read it (under the lock).
     */
    void catchUpIfChanged() {
        JsonlFeedbackStoreFile current = writer.current();
        BasicFileAttributes now;
        try {
            now = current.attributes();
        } catch (IOException e) {
            throw new FeedbackStoreException("reading the size of " + file + ": " + e.getMessage(), e);
        }
        if (now.size() != current.index.end() || current.isReplacedBy(now)) {
            writer.catchUp();
        }
    }

    /** Work on one file of the store, which it reads at the offsets of that file's index. */
    @FunctionalInterface
    private interface FileWork<T> {
        T run(JsonlFeedbackStoreFile file) throws IOException;
    }

    /** Runs a read on the current file, counted in, so that a purge moving the store on does not close it. */
    private <T> T read(FileWork<T> work) {
        JsonlFeedbackStoreFile f = acquire();
        try {
            return work.run(f);
        } catch (IOException e) {
            throw readFailure(e);
        } finally {
            f.release();
        }
    }

    private JsonlFeedbackStoreFile acquire() {
        while (true) {
            ensureOpen.run();
            JsonlFeedbackStoreFile current = writer.current();
            if (current.acquire()) {
                return current;
            }
            Thread.onSpinWait(); // a purge is moving the store to its new file
        }
    }

    private FeedbackStoreException readFailure(IOException e) {
        return new FeedbackStoreException("reading feedback from " + file + ": " + e.getMessage(), e);
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

    private static List<Feedback> fetch(JsonlFeedbackStoreFile f, JsonlFeedbackStoreIndex.Refs refs, boolean forward)
            throws IOException {
        FeedbackLineFetcher fetcher = f.fetcher(forward ? readAhead(refs) : 0);
        List<Feedback> feedback = new ArrayList<>(refs.size);
        for (int i = 0; i < refs.size; i++) {
            feedback.add(fetcher.feedback(refs.offsets[i], refs.lengths[i]));
        }
        return feedback;
    }

}
