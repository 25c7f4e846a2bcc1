package dev.classifier.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person said about an article: the label that is right, the label the classifier had given (for a
 * correction), why, and under which rules. The id is made by the factories and sorts by creation time.
 *
 * @param taxonomyFingerprint {@link Taxonomy#fingerprint()} of the rules the feedback was given under, if known
 */
public record Feedback(String id, Article article, String label, Optional<String> predicted, String reason,
                       Optional<String> taxonomyFingerprint, Instant createdAt) {

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

    /** A person's label for an article, with a new time-sortable id. */
    public static Feedback of(Article article, String label, String reason) {
        return new Feedback(FeedbackIds.next(), article, label, Optional.empty(), reason, Optional.empty(),
                Instant.now());
    }

    /** A correction: the classifier said {@code predicted}, the person says {@code label}, and why. */
    public static Feedback correction(Article article, String predicted, String label, String reason) {
        Objects.requireNonNull(predicted, "predicted");
        return new Feedback(FeedbackIds.next(), article, label, Optional.of(predicted), reason, Optional.empty(),
                Instant.now());
    }

    /** The same feedback, recorded as given under these rules. */
    public Feedback givenUnder(Taxonomy taxonomy) {
        return new Feedback(id, article, label, predicted, reason, Optional.of(taxonomy.fingerprint()), createdAt);
    }

    /** The same feedback with another label (used when a {@link LabelMapping} renames categories). */
    public Feedback withLabel(String newLabel) {
        return new Feedback(id, article, newLabel, predicted, reason, taxonomyFingerprint, createdAt);
    }

    /** True when the person's label differs from the predicted one. */
    public boolean isCorrection() {
        return predicted.isPresent() && !predicted.get().equals(label);
    }

    public LabeledArticle toLabeled() {
        return new LabeledArticle(article, label);
    }
}
