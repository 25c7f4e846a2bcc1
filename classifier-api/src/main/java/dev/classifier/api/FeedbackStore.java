package dev.classifier.api;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where feedback is kept. The asset the product learns from: an implementation never loses what it acknowledged.
 *
 * <p>Every change (an add, a retraction or a purge) gets the next sequence number, so an index built from the store
 * can follow it, also when other processes write: read {@link #changes(long)} from the last sequence seen. The
 * {@code ...WithReceipt} forms of {@link #addWithReceipt add} and {@link #retractWithReceipt retract} say at which
 * sequence a caller's change is, so that it can wait until a model covers it ({@link Prediction#covers()}).
 *
 * <p>Feedback is what people said, with its {@link Feedback#source() source}; a store keeps the source as it keeps
 * every other part. Nothing the library infers by itself (a prediction, a pseudo-label) belongs in a store.
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
     * Stores the feedback as {@link #add} does, and says at which sequence of the change feed it was added, so that
     * the caller can wait until a model covers it ({@link FeedbackReceipt#isCoveredBy(Prediction)}). For an id stored
     * already (or retracted, or purged) nothing changes, and the receipt carries what is stored and the sequence of
     * the original add.
     *
     * <p>The default adds, then reads the change feed after the sequence it saw before the add, and the whole feed
     * only for ids stored before: it works for any store, but costs a read of the feed. It cannot tell two writers
     * that add the same new id at the same moment apart (both get {@code changed}); the library's stores override it
     * with an exact answer and no extra read.
     *
     * @param feedback the feedback to keep
     * @return what is stored under the feedback's id, the sequence of its add, and whether this call added it
     * @throws FeedbackStoreException if the store cannot write or read; adding again is safe
     */
    default FeedbackReceipt addWithReceipt(Feedback feedback) {
        return addAllWithReceipts(List.of(feedback)).get(0);
    }

    /**
     * Stores many in one durable write, as {@link #addAll} does, with a receipt for each (see {@link
     * #addWithReceipt}). An id given twice is added once: the first receipt says {@code changed}, the second not.
     *
     * @param feedback the feedback to keep, in order
     * @return a receipt for each, in order
     * @throws FeedbackStoreException if the store cannot write or read; adding the same again is safe
     */
    default List<FeedbackReceipt> addAllWithReceipts(Collection<Feedback> feedback) {
        return FeedbackReceipts.addAll(this, feedback);
    }

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
     * Retracts as {@link #retract} does, and says from which sequence the feedback no longer teaches, so that the
     * caller can wait until a model covers the undo: the sequence of this retraction, or of the retraction or purge
     * that undid the feedback before (then {@link FeedbackReceipt#changed()} is false).
     *
     * <p>The default retracts, then reads the change feed after the sequence it saw before, or the whole feed when
     * the feedback was undone before: it works for any store; the library's stores override it without the read.
     *
     * @param feedbackId the id of the feedback to undo
     * @return the receipt, with the feedback as stored (a tombstone if purged); empty if the store has no feedback
     *         with this id
     * @throws FeedbackStoreException if the store cannot write or read
     */
    default Optional<FeedbackReceipt> retractWithReceipt(String feedbackId) {
        return FeedbackReceipts.retract(this, feedbackId);
    }

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
