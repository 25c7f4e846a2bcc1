package dev.classifier.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person said about an article: the label that is right, the label the classifier had given (for a
 * correction), why, and under which rules. The id is made by the factories and sorts by creation time.
 *
 * @param id                  a {@link FeedbackIds} id; stores are idempotent on it, so adding the same feedback
 *                            twice keeps one
 * @param article             the article the feedback is about
 * @param label               the label the person says is right, not blank
 * @param predicted           the label the classifier had given, for a correction; empty for a plain label
 * @param reason              why, in the person's words (prompt strategies show it to the model); may be empty
 * @param taxonomyFingerprint {@link Taxonomy#fingerprint()} of the rules the feedback was given under, if known
 * @param createdAt           when the feedback was given
 */
public record Feedback(String id, Article article, String label, Optional<String> predicted, String reason,
                       Optional<String> taxonomyFingerprint, Instant createdAt) {

    /**
     * Checks the parts.
     *
     * @param id                  the feedback id, not blank
     * @param article             the article
     * @param label               the right label, not blank
     * @param predicted           the classifier's label for a correction, else empty
     * @param reason              why; may be empty
     * @param taxonomyFingerprint the fingerprint of the rules it was given under, if known
     * @param createdAt           when it was given
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the id or the label is blank, or a predicted label is present but blank
     */
    public Feedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(taxonomyFingerprint, "taxonomyFingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        if (id.isBlank()) {
            throw new IllegalArgumentException("feedback id is blank");
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("feedback label for article '" + article.id() + "' is blank");
        }
        if (predicted.isPresent() && predicted.get().isBlank()) {
            throw new IllegalArgumentException("predicted label for article '" + article.id() + "' is blank");
        }
    }

    /**
     * A person's label for an article, with a new time-sortable id, given now.
     *
     * @param article the article
     * @param label   the right label
     * @param reason  why; may be empty
     * @return the feedback, with no predicted label and no taxonomy fingerprint
     */
    public static Feedback of(Article article, String label, String reason) {
        return new Feedback(FeedbackIds.next(), article, label, Optional.empty(), reason, Optional.empty(),
                Instant.now());
    }

    /**
     * A correction: the classifier said {@code predicted}, the person says {@code label}, and why. Mind the order
     * of the two labels: the wrong one comes first.
     *
     * @param article   the article
     * @param predicted the label the classifier gave
     * @param label     the label the person says is right
     * @param reason    why; may be empty
     * @return the feedback, with a new id, given now, with no taxonomy fingerprint
     */
    public static Feedback correction(Article article, String predicted, String label, String reason) {
        Objects.requireNonNull(predicted, "predicted");
        return new Feedback(FeedbackIds.next(), article, label, Optional.of(predicted), reason, Optional.empty(),
                Instant.now());
    }

    /**
     * The same feedback, recorded as given under these rules. Records the fingerprint only: it does not check that
     * the labels are the taxonomy's.
     *
     * @param taxonomy the taxonomy the person was looking at
     * @return a copy carrying {@code taxonomy.fingerprint()}
     */
    public Feedback givenUnder(Taxonomy taxonomy) {
        return new Feedback(id, article, label, predicted, reason, Optional.of(taxonomy.fingerprint()), createdAt);
    }

    /**
     * The same feedback with another label (used when a {@link LabelMapping} renames categories).
     *
     * @param newLabel the label to carry instead, not blank
     * @return a copy with the same id, article, prediction, reason, fingerprint and time
     */
    public Feedback withLabel(String newLabel) {
        return new Feedback(id, article, newLabel, predicted, reason, taxonomyFingerprint, createdAt);
    }

    /**
     * Whether the person disagreed with the classifier.
     *
     * @return true when there is a predicted label and the person's label differs from it
     */
    public boolean isCorrection() {
        return predicted.isPresent() && !predicted.get().equals(label);
    }

    /**
     * The article with the person's label, as training reads it.
     *
     * @return the labelled article
     */
    public LabeledArticle toLabeled() {
        return new LabeledArticle(article, label);
    }
}
