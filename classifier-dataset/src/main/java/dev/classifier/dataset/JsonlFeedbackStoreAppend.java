package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One group commit of adds and retractions to a store file: decides, under the store lock, what each change
 * returns and which lines to append (duplicates and undos of what is not live append nothing), appends them in one
 * write, syncs once, and only then indexes them. On failure it cuts the file back to where it was.
 */
final class JsonlFeedbackStoreAppend {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStoreAppend.class);

    private final JsonlFeedbackStoreFile file;
    private final JsonlFeedbackStore.Syncer syncer;
    private final ByteBuffer writeBuffer;
    private final List<byte[]> lines = new ArrayList<>();
    /** Per line: the id added, or null for a retraction. */
    private final List<String> addedIds = new ArrayList<>();
    /** Per line: the add sequence a retraction undoes, or 0 for an add. */
    private final List<Integer> retractedSequences = new ArrayList<>();
    private final Map<String, Integer> sequenceByNewId = new HashMap<>();
    private final Map<String, Feedback> feedbackByNewId = new HashMap<>();
    /** The add sequences retracted by this append, with the sequence of their retraction. */
    private final Map<Integer, Integer> retractedHere = new HashMap<>();
    private int nextSequence;

    JsonlFeedbackStoreAppend(JsonlFeedbackStoreFile file, JsonlFeedbackStore.Syncer syncer, ByteBuffer writeBuffer) {
        this.file = file;
        this.syncer = syncer;
        this.writeBuffer = writeBuffer;
        this.nextSequence = file.index.count() + 1;
    }

    /**
     * Plans an add, whose line the caller's thread encoded: returns what is stored for it (the new feedback, or
     * what the file holds under its id) and the sequence of its add.
     */
    FeedbackReceipt add(Feedback feedback, byte[] line) throws IOException {
        String id = feedback.id();
        Feedback planned = feedbackByNewId.get(id);
        if (planned != null) {
            return new FeedbackReceipt(planned, sequenceByNewId.get(id), false);
        }
        int stored = file.indexer.sequenceOf(id);
        if (stored != 0) {
            return new FeedbackReceipt(storedAt(stored), stored, false);
        }
        int sequence = nextSequence++;
        lines.add(line);
        addedIds.add(id);
        retractedSequences.add(0);
        sequenceByNewId.put(id, sequence);
        feedbackByNewId.put(id, feedback);
        return new FeedbackReceipt(feedback, sequence, true);
    }

    /** What a planned retraction found: the add it is about, the change that undid it, and whether this one did. */
    record Retraction(String id, int addSequence, int undoneAt, boolean changed) {
    }

    /** Plans a retraction: empty if the id is unknown; {@code changed} if it undoes live feedback. */
    Optional<Retraction> retract(String id) throws IOException {
        Integer target = sequenceByNewId.get(id);
        if (target == null) {
            int stored = file.indexer.sequenceOf(id);
            if (stored == 0) {
                return Optional.empty();
            }
            if (!file.index.isLive(stored)) {
                return Optional.of(new Retraction(id, stored, file.index.undoneAt(stored), false));
            }
            target = stored;
        }
        Integer before = retractedHere.get(target);
        if (before != null) {
            return Optional.of(new Retraction(id, target, before, false));
        }
        int sequence = nextSequence++;
        retractedHere.put(target, sequence);
        lines.add(FeedbackLineCodec.encode(new FeedbackLine.Retracted(id, Instant.now())));
        addedIds.add(null);
        retractedSequences.add(target);
        return Optional.of(new Retraction(id, target, sequence, true));
    }

    /** The feedback a retraction is about: planned in this append, or read from the file (a tombstone if purged). */
    Feedback feedbackOf(Retraction retraction) throws IOException {
        Feedback planned = feedbackByNewId.get(retraction.id());
        return planned != null ? planned : storedAt(retraction.addSequence());
    }

    private Feedback storedAt(int sequence) throws IOException {
        return file.storedReader.feedback(file.index.offsetOf(sequence), file.index.lengthOf(sequence));
    }

    /** Appends what was planned, syncs it, and only then indexes it. On failure cuts the file back. */
    void write() throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        long start = file.index.end();
        long bytes = 0;
        for (byte[] line : lines) {
            bytes += line.length;
        }
        try {
            long end = append(start);
            syncer.sync(file.channel);
            if (end != start + bytes) {
                throw new IOException("wrote " + (end - start) + " bytes of " + bytes);
            }
        } catch (IOException | RuntimeException | Error e) {
            rollBack(start, e);
            throw e;
        }
        long offset = start;
        for (int i = 0; i < lines.size(); i++) {
            int length = lines.get(i).length;
            String addedId = addedIds.get(i);
            if (addedId != null) {
                file.index.appendAdd(addedId, offset, length);
            } else {
                file.index.appendRetract(retractedSequences.get(i), offset, length);
            }
            offset += length;
        }
        file.index.advance(offset, file.index.lines() + lines.size());
        LOG.trace("{}: appended {} lines in one sync", file.path, lines.size());
    }

    /**
     * Writes the lines at {@code position} through one bounded direct buffer: a large batch goes out in chunks,
     * rather than making the JDK allocate (and keep) a temporary direct buffer as large as the batch. Returns the
     * position after the last byte.
     */
    private long append(long position) throws IOException {
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
            position += file.channel.write(writeBuffer, position);
        }
        writeBuffer.clear();
        return position;
    }

    /** Nobody was told these lines are stored: take them out again, so that no reader indexes them. */
    private void rollBack(long start, Throwable cause) {
        try {
            file.channel.truncate(start);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.error("{}: a failed append could not be cut back to {} bytes; its lines may still be read",
                    file.path, start, e);
            return;
        }
        try {
            syncer.sync(file.channel);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            LOG.warn("{}: a failed append was cut back to {} bytes, but the cut could not be synced", file.path,
                    start);
        }
    }
}
