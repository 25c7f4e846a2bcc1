package dev.classifier.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where feedback is kept. The asset the product learns from: an implementation never loses what it acknowledged.
 *
 * <p>Every change (an add or a retraction) gets the next sequence number, so an index built from the store can
 * follow it, also when other processes write: read {@link #changes(long)} from the last sequence seen.
 */
public interface FeedbackStore extends AutoCloseable {

    /**
     * Stores the feedback; durable when this returns. Idempotent on {@link Feedback#id()}: adding an id that is
     * stored already (or was retracted) changes nothing and returns what is stored.
     *
     * @param feedback the feedback to keep
     * @return the feedback now stored under its id: this one, or the one stored earlier
     */
    Feedback add(Feedback feedback);

    /**
     * Stores many in one durable write, idempotent on each id as {@link #add} is.
     *
     * @param feedback the feedback to keep, in the order the changes should get their sequences
     * @return what is stored for each, in the input's order
     */
    List<Feedback> addAll(Collection<Feedback> feedback);

    /**
     * The newest live feedback, by the store's own order (the order of the adds), not by {@code createdAt}.
     *
     * @param limit how many at most, not negative
     * @return at most {@code limit} feedback, newest first, retracted feedback left out
     */
    List<Feedback> recent(int limit);

    /**
     * All live feedback, oldest first. Close the stream: it may hold a file or a cursor.
     *
     * @return a stream of the feedback not retracted, in the order it was added
     */
    Stream<Feedback> stream();

    /**
     * The change feed from a point on: what an index built from the store reads to catch up.
     *
     * @param sequence the last sequence the caller has seen; 0 for all
     * @return the changes with a greater sequence, in order (empty if there are none)
     */
    List<FeedbackChange> changes(long sequence);

    /**
     * The feedback added after a point and not retracted since.
     *
     * @param sequence the last sequence the caller has seen; 0 for all
     * @return that feedback, oldest first
     */
    default List<Feedback> after(long sequence) {
        List<FeedbackChange> changes = changes(sequence);
        Set<String> retracted = new HashSet<>();
        for (FeedbackChange change : changes) {
            if (change.kind() == FeedbackChange.Kind.RETRACTED) {
                retracted.add(change.feedback().id());
            }
        }
        return changes.stream()
                .filter(c -> c.kind() == FeedbackChange.Kind.ADDED && !retracted.contains(c.feedback().id()))
                .map(FeedbackChange::feedback)
                .toList();
    }

    /**
     * Where the change feed stands.
     *
     * @return the sequence of the latest change, 0 for an empty store
     */
    long lastSequence();

    /**
     * Undoes feedback, durably, keeping a tombstone so that every reader of the change feed sees the undo.
     *
     * @param feedbackId the id of the feedback to undo
     * @return true if live feedback was retracted; false if the id is unknown or already retracted
     */
    boolean retract(String feedbackId);

    /**
     * How much live feedback there is.
     *
     * @return the number of feedback stored and not retracted
     */
    int size();

    /** Releases what the store holds (file, lock, connection); it cannot be used afterwards. */
    @Override
    void close();
}
