package dev.classifier.api;

import java.util.Objects;

/**
 * One entry of a store's change feed: feedback added, or feedback retracted. Sequences start at 1 and grow by
 * one per change, in the order the store made the changes durable.
 */
public record FeedbackChange(long sequence, Kind kind, Feedback feedback) {

    public enum Kind { ADDED, RETRACTED }

    public FeedbackChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feedback, "feedback");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
    }
}
