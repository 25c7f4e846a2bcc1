package dev.classifier.api;

import java.util.Objects;

/**
 * What a store did with an add or a retraction, and where in its change feed: so that a caller can wait until a
 * model covers the change ({@link #isCoveredBy(Prediction)}, from {@link Prediction#covers()}).
 *
 * <pre>{@code
 * FeedbackReceipt receipt = store.addWithReceipt(Feedback.correction(article).from("Technology").to("Business")
 *         .by("alice").because("results are Business"));
 * // ... later: has the classifier learnt it?
 * boolean learnt = receipt.isCoveredBy(classifier.classify(article));
 * }</pre>
 *
 * @param feedback for an add, what the store holds under the id (the feedback given if it was new; for a purged id,
 *                 its {@linkplain FeedbackChange#tombstone(Feedback) tombstone}); for a retraction, the feedback
 *                 retracted as the store holds it
 * @param sequence for an add, the sequence of the change that added the feedback with this id: this call's, or the
 *                 original add's when the id was stored already; for a retraction, the sequence from which the
 *                 feedback no longer teaches: its retraction, or its purge when it was purged while live
 * @param changed  whether this call made the change; false when the store had made it before (an id stored
 *                 already, feedback retracted or purged already)
 */
public record FeedbackReceipt(Feedback feedback, long sequence, boolean changed) {

    /**
     * Checks the receipt.
     *
     * @param feedback the feedback the change is about, as the store holds it
     * @param sequence the change's sequence, {@code >= 1}
     * @param changed  whether this call made the change
     * @throws NullPointerException     if the feedback is null
     * @throws IllegalArgumentException if the sequence is below 1
     */
    public FeedbackReceipt {
        Objects.requireNonNull(feedback, "feedback");
        if (sequence < 1) {
            throw new IllegalArgumentException("the sequence of a change is >= 1, was " + sequence);
        }
    }

    /**
     * Whether a prediction was made by a model that knew this change: its {@link Prediction#covers()} is at least
     * this sequence. A prediction from a classifier that follows no store ({@link Prediction#UNKNOWN_SEQUENCE})
     * covers nothing.
     *
     * @param prediction a prediction of a classifier that follows this receipt's store
     * @return true if the prediction covers the change
     */
    public boolean isCoveredBy(Prediction prediction) {
        return prediction.covers() >= sequence;
    }
}
