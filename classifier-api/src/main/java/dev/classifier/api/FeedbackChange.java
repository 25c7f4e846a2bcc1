package dev.classifier.api;

import java.util.Objects;

/**
 * One entry of a store's change feed: feedback added, or feedback retracted. Sequences start at 1 and grow by
 * one per change, in the order the store made the changes durable.
 *
 * @param sequence the change's number in the store, from 1
 * @param kind     what happened
 * @param feedback the feedback added, or the feedback a retraction undid
 */
public record FeedbackChange(long sequence, Kind kind, Feedback feedback) {

    /** What a change did. */
    public enum Kind {
        /** The feedback was stored. */
        ADDED,
        /** Earlier feedback was undone; readers drop it from what they learned. */
        RETRACTED
    }

    /**
     * Checks the parts.
     *
     * @param sequence the change's number, from 1
     * @param kind     what happened
     * @param feedback the feedback added or retracted
     * @throws NullPointerException     if the kind or the feedback is null
     * @throws IllegalArgumentException if the sequence is below 1
     */
    public FeedbackChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feedback, "feedback");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
    }
}
