package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.Taxonomy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where a reviewer's decision becomes {@link Feedback}, and where who made it is recorded and read
 * back. Until {@code Feedback} carries its own provenance, the reviewer's name travels in the stored article's
 * metadata under {@value #REVIEWER_KEY}; nothing else in this module knows where it is kept.
 */
final class ReviewFeedback {

    static final String REVIEWER_KEY = "classifier.review.by";

    private ReviewFeedback() {
    }

    /** The feedback for a decision: {@code label} equal to {@code predicted} is an accept, any other a correction. */
    static Feedback of(ReviewItemId item, Article article, String predicted, String label, String reason,
                       Reviewer reviewer, Taxonomy taxonomy, Instant at) {
        Map<String, String> metadata = new HashMap<>(article.metadata());
        metadata.put(REVIEWER_KEY, reviewer.name());
        Article stamped = new Article(article.id(), article.title(), article.body(), metadata);
        return new Feedback(item.feedbackId(), stamped, label, Optional.of(predicted), reason, Optional.empty(), at)
                .givenUnder(taxonomy);
    }

    /** Who made a feedback, when the review page recorded it. */
    static Optional<String> reviewerOf(Feedback feedback) {
        return Optional.ofNullable(feedback.article().metadata().get(REVIEWER_KEY));
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
