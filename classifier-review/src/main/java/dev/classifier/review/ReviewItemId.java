package dev.classifier.review;

import java.util.Objects;
import java.util.Optional;

/**
 * Names one review of one article: the article id and the round (0 for the first review; an undone review moves the
 * article to the next round). The feedback id derives from it, so two reviewers deciding the same item, in one
 * process or two sharing a store, write the same id and the store's idempotent {@code add} keeps the first.
 *
 * @param articleId the article
 * @param round     0, 1, 2, ...: how many reviews of the article were undone before this one
 */
public record ReviewItemId(String articleId, int round) {

    /** The prefix of every feedback id the review page writes. */
    public static final String FEEDBACK_PREFIX = "review:";

    public ReviewItemId {
        Objects.requireNonNull(articleId, "articleId");
        if (articleId.isBlank()) {
            throw new IllegalArgumentException("article id is blank");
        }
        if (round < 0) {
            throw new IllegalArgumentException("round must be >= 0, was " + round);
        }
    }

    /** @return the id the page and the API use, {@code <round>:<article id>} */
    public String value() {
        return round + ":" + articleId;
    }

    /** @return the id of the feedback this review writes */
    public String feedbackId() {
        return FEEDBACK_PREFIX + value();
    }

    /**
     * Reads an item id as the API received it.
     *
     * @param value the id, {@code <round>:<article id>}
     * @return the id, or empty when the value is not one
     */
    public static Optional<ReviewItemId> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        if (colon < 1 || colon > 6 || colon == value.length() - 1) {
            return Optional.empty();
        }
        String round = value.substring(0, colon);
        if (!round.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return Optional.empty();
        }
        String articleId = value.substring(colon + 1);
        if (articleId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewItemId(articleId, Integer.parseInt(round)));
    }

    /**
     * The item a review feedback id names.
     *
     * @param feedbackId a feedback id
     * @return the item, or empty when the feedback was not written by the review page
     */
    public static Optional<ReviewItemId> ofFeedbackId(String feedbackId) {
        if (feedbackId == null || !feedbackId.startsWith(FEEDBACK_PREFIX)) {
            return Optional.empty();
        }
        return parse(feedbackId.substring(FEEDBACK_PREFIX.length()));
    }
}
