package dev.classifier.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where feedback is kept. The asset the product learns from: an implementation never loses what it acknowledged.
 *
 * <p>Every change (an add, a retraction or a purge) gets the next sequence number, so an index built from the store
 * can follow it, also when other processes write: read {@link #changes(long)} from the last sequence seen.
 *
 * <p>Failures of the storage (a file that cannot be read or written, a database that went away) are
 * {@link FeedbackStoreException}s, thrown by every method that reads or writes: {@link #add}, {@link #addAll},
 * {@link #recent}, {@link #stream} (and the stream it returns), {@link #changes}, {@link #after},
 * {@link #lastSequence}, {@link #retract}, {@link #purge(Collection)}, {@link #size} and {@link #close}. A store in
 * memory never throws it. Any method but {@code close} throws {@link IllegalStateException} once the store is
 * closed.
 */
public interface FeedbackStore extends AutoCloseable {

    /**
     * Stores the feedback; durable when this returns. Idempotent on {@link Feedback#id()}: adding an id that is
     * stored already (or was retracted, or purged) changes nothing and returns what is stored (for a purged id, its
     * {@linkplain FeedbackChange#tombstone(Feedback) tombstone}).
     *
     * @param feedback the feedback to keep
     * @return what the store holds under the feedback's id: the feedback itself if it was new
     * @throws FeedbackStoreException if the store cannot write; the feedback may or may not be stored then, and
     *                                adding it again is safe
     */
    Feedback add(Feedback feedback);

    /**
     * Stores many in one durable write.
     *
     * @param feedback the feedback to keep, in order
     * @return what is stored for each, in order (see {@link #add})
     * @throws FeedbackStoreException if the store cannot write; adding the same again is safe
     */
    List<Feedback> addAll(Collection<Feedback> feedback);

    /**
     * The newest live feedback first, by the store's own order.
     *
     * @param limit at most how many, {@code >= 0}
     * @return the newest live feedback, newest first
     * @throws FeedbackStoreException if the store cannot read
     */
    List<Feedback> recent(int limit);

    /**
     * All live feedback, oldest first. Close the stream: it may hold a file or a cursor.
     *
     * @return the live feedback; reading it may throw {@link FeedbackStoreException}
     * @throws FeedbackStoreException if the store cannot start reading
     */
    Stream<Feedback> stream();

    /**
     * The changes after a sequence, in order. Feedback that was purged appears only as {@link
     * FeedbackChange.Kind#PURGED} changes that carry its tombstone (see {@link FeedbackChange}).
     *
     * @param sequence the last sequence already seen; 0 (or less) for all
     * @return the changes with a sequence greater than {@code sequence}
     * @throws FeedbackStoreException if the store cannot read
     */
    List<FeedbackChange> changes(long sequence);

    /**
     * The feedback added after a sequence and neither retracted nor purged since, oldest first.
     *
     * @param sequence the last sequence already seen
     * @return the live feedback added after it
     * @throws FeedbackStoreException if the store cannot read
     */
    default List<Feedback> after(long sequence) {
        List<FeedbackChange> changes = changes(sequence);
        Set<String> undone = new HashSet<>();
        for (FeedbackChange change : changes) {
            if (change.kind() != FeedbackChange.Kind.ADDED) {
                undone.add(change.feedback().id());
            }
        }
        return changes.stream()
                .filter(c -> c.kind() == FeedbackChange.Kind.ADDED && !undone.contains(c.feedback().id()))
                .map(FeedbackChange::feedback)
                .toList();
    }

    /**
     * The sequence of the latest change.
     *
     * @return the latest sequence, 0 for an empty store
     * @throws FeedbackStoreException if the store cannot read
     */
    long lastSequence();

    /**
     * Undoes feedback, durably, keeping a tombstone so that every reader of the change feed sees the undo. The text
     * stays in the store; {@link #purge(Collection)} removes it.
     *
     * @param feedbackId the id of the feedback to undo
     * @return true if live feedback was retracted; false if the id is unknown, already retracted or purged
     * @throws FeedbackStoreException if the store cannot write
     */
    boolean retract(String feedbackId);

    /**
     * Removes the text of every feedback about these articles, live or retracted, from the store for good: the
     * articles' titles, bodies and metadata and the reasons people gave. What is left of each is its {@linkplain
     * FeedbackChange#tombstone(Feedback) tombstone} (ids, labels, times), which the change feed shows in place of
     * all its earlier changes and as one new {@link FeedbackChange.Kind#PURGED} change. Purged feedback is no
     * longer live, cannot be retracted, and adding its id again returns the tombstone. Feedback about these articles
     * added after the purge is kept as any other.
     *
     * <p>By article, not by feedback: the text is the article's, and every feedback about an article holds a copy
     * of it, so purging one feedback would leave the text in its siblings. The call is durable when it returns; for
     * a file store it rewrites the file, so purge many articles in one call rather than one call each.
     *
     * @param articleIds the ids of the articles whose text must go
     * @return the ids of the feedback purged by this call, in the store's order; empty if there was none (or it
     *         was purged before)
     * @throws FeedbackStoreException if the store cannot write; the text is then either gone or all still there,
     *                                and purging again is safe
     */
    List<String> purge(Collection<String> articleIds);

    /**
     * Purges the text of one article: {@link #purge(Collection)} with one id.
     *
     * @param articleId the id of the article whose text must go
     * @return the ids of the feedback purged by this call
     * @throws FeedbackStoreException if the store cannot write
     */
    default List<String> purge(String articleId) {
        return purge(List.of(articleId));
    }

    /**
     * How much live feedback there is.
     *
     * @return the number of feedback neither retracted nor purged
     * @throws FeedbackStoreException if the store cannot read
     */
    int size();

    /**
     * Releases what the store holds (files, connections). Closing twice is harmless.
     *
     * @throws FeedbackStoreException if a resource could not be released cleanly
     */
    @Override
    void close();
}
