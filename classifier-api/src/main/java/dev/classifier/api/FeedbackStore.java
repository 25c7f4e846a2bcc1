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
     */
    Feedback add(Feedback feedback);

    /** Stores many in one durable write; returns what is stored for each, in order. */
    List<Feedback> addAll(Collection<Feedback> feedback);

    /** The newest live feedback first, by the store's own order, at most {@code limit}. */
    List<Feedback> recent(int limit);

    /** All live feedback, oldest first. Close the stream: it may hold a file or a cursor. */
    Stream<Feedback> stream();

    /** The changes with a sequence greater than {@code sequence}, in order. */
    List<FeedbackChange> changes(long sequence);

    /** The feedback added after {@code sequence} and not retracted since, oldest first. */
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

    /** The sequence of the latest change, 0 for an empty store. */
    long lastSequence();

    /**
     * Undoes feedback, durably, keeping a tombstone so that every reader of the change feed sees the undo.
     *
     * @return true if live feedback was retracted; false if the id is unknown or already retracted
     */
    boolean retract(String feedbackId);

    /** How much live feedback there is. */
    int size();

    @Override
    void close();
}
