package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.Taxonomy;

import java.time.Instant;
import java.util.Optional;

/**
 * The one place where a reviewer's decision becomes {@link Feedback}: who made it is the feedback's
 * {@link FeedbackSource} (a person, by the reviewer's name), and is read back from there.
 */
final class ReviewFeedback {

    private ReviewFeedback() {
    }

    /** The feedback for a decision: {@code label} equal to {@code predicted} is an accept, any other a correction. */
    static Feedback of(ReviewItemId item, Article article, String predicted, String label, String reason,
                       Reviewer reviewer, Taxonomy taxonomy, Instant at) {
        return new Feedback(item.feedbackId(), article, label, Optional.of(predicted), reason, Optional.empty(), at,
                FeedbackSource.person(reviewer.name()))
                .givenUnder(taxonomy);
    }

    /** Who made a feedback, when a person did and the store kept the name. */
    static Optional<String> reviewerOf(Feedback feedback) {
        FeedbackSource source = feedback.source();
        return source.kind() == FeedbackSource.Kind.PERSON && !source.name().isEmpty()
                ? Optional.of(source.name()) : Optional.empty();
    }

    /**
     * Whether what the store returned from {@code add} is the decision just made, or an earlier one under the same
     * id. Compared field by field with the time to the millisecond, since a store may keep times at that precision.
     */
    static boolean isSame(Feedback stored, Feedback made) {
        return stored.id().equals(made.id())
                && stored.label().equals(made.label())
                && stored.reason().equals(made.reason())
                && reviewerOf(stored).equals(reviewerOf(made))
                && stored.createdAt().toEpochMilli() == made.createdAt().toEpochMilli();
    }
}
