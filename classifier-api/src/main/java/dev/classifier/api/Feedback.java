package dev.classifier.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a person said about an article: the label that is right, the label the classifier had given (for a
 * correction), why, and under which rules. The factories make an id that sorts by creation time; give your own
 * with {@link #withId(String)} when you can make it again (adding an id a store holds already changes nothing).
 *
 * <p>Check the labels where feedback comes in: {@link #givenUnder(Taxonomy)} fails on a label the taxonomy does
 * not have, and records the rules the feedback was given under.
 *
 * <p>Say where it came from with {@link #by(String)} (a person, by name) or {@link #withSource(FeedbackSource)}:
 * an import, or a library component recording a person's decision. Feedback is what people said: nothing the
 * library infers by itself (a prediction, a pseudo-label) is ever stored as feedback (see {@link FeedbackSource}).
 *
 * <pre>{@code
 * Feedback fixed = Feedback.correction(article).from("Technology").to("Business").by("alice")
 *         .because("a tech firm's results are Business").givenUnder(taxonomy);
 * }</pre>
 *
 * @param id                  the feedback's id; not blank
 * @param article             the article the feedback is about
 * @param label               the label the person says is right; not blank
 * @param predicted           the label the classifier had given, for a correction
 * @param reason              why, in the person's words; may be empty
 * @param taxonomyFingerprint {@link Taxonomy#fingerprint()} of the rules the feedback was given under, if known
 * @param createdAt           when the feedback was given
 * @param source              where the feedback came from: a person, an import, a library component acting for
 *                            a person, or {@link FeedbackSource#UNKNOWN}
 */
public record Feedback(String id, Article article, String label, Optional<String> predicted, String reason,
                       Optional<String> taxonomyFingerprint, Instant createdAt, FeedbackSource source) {

    /**
     * Checks the parts of a piece of feedback.
     *
     * @param id                  the feedback's id; not blank
     * @param article             the article the feedback is about
     * @param label               the label the person says is right; not blank
     * @param predicted           the label the classifier had given, for a correction
     * @param reason              why, in the person's words; may be empty
     * @param taxonomyFingerprint the fingerprint of the rules the feedback was given under, if known
     * @param createdAt           when the feedback was given
     * @param source              where the feedback came from
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if the id, the label or a present predicted label is blank
     */
    public Feedback {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(taxonomyFingerprint, "taxonomyFingerprint");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(source, "source");
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
     * Feedback that does not say where it came from ({@link FeedbackSource#UNKNOWN}): the form of releases before
     * provenance was kept.
     *
     * @param id                  the feedback's id; not blank
     * @param article             the article the feedback is about
     * @param label               the label the person says is right; not blank
     * @param predicted           the label the classifier had given, for a correction
     * @param reason              why, in the person's words; may be empty
     * @param taxonomyFingerprint the fingerprint of the rules the feedback was given under, if known
     * @param createdAt           when the feedback was given
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if the id, the label or a present predicted label is blank
     */
    public Feedback(String id, Article article, String label, Optional<String> predicted, String reason,
                    Optional<String> taxonomyFingerprint, Instant createdAt) {
        this(id, article, label, predicted, reason, taxonomyFingerprint, createdAt, FeedbackSource.UNKNOWN);
    }

    /**
     * A label for an article, with a new time-sortable id; the source is {@link FeedbackSource#UNKNOWN} until
     * {@link #by(String)} or {@link #withSource(FeedbackSource)} says.
     *
     * @param article the article
     * @param label   the label the person gives it
     * @param reason  why; may be empty
     * @return the feedback, created now
     */
    public static Feedback of(Article article, String label, String reason) {
        return new Feedback(FeedbackIds.next(), article, label, Optional.empty(), reason, Optional.empty(),
                Instant.now(), FeedbackSource.UNKNOWN);
    }

    /**
     * Starts a correction of what a classifier said about an article; name both labels, so they cannot be
     * swapped: {@code Feedback.correction(article).from("Technology").to("Business").because("...")}.
     *
     * @param article the article the classifier got wrong
     * @return a builder that needs {@link Correction#from}, {@link Correction#to} and then
     *         {@link Correction#because}; {@link Correction#by} says who
     */
    public static Correction correction(Article article) {
        return new Correction(article);
    }

    /**
     * The same feedback, checked against the rules it is given under and recorded as given under them.
     *
     * @param taxonomy the rules in use
     * @return the feedback with the taxonomy's fingerprint
     * @throws IllegalArgumentException if the taxonomy does not have the feedback's label (the message names the
     *                                  label, the feedback's id and the taxonomy's labels)
     */
    public Feedback givenUnder(Taxonomy taxonomy) {
        return givenUnder(taxonomy, LabelMapping.identity());
    }

    /**
     * The same feedback, given under an earlier taxonomy, brought under the rules in use now: its label and its
     * predicted label are mapped (a predicted label the mapping drops is kept as it was: it is what a classifier
     * said then), the mapped label is checked against the taxonomy, and the taxonomy's fingerprint is recorded.
     *
     * @param taxonomy the rules in use
     * @param mapping  old labels to the taxonomy's, as the trainers apply it
     * @return the feedback with its label mapped and the taxonomy's fingerprint
     * @throws IllegalArgumentException if the mapping drops the label, or the taxonomy does not have the mapped
     *                                  label (the message names the label, the feedback's id and the taxonomy's
     *                                  labels)
     */
    public Feedback givenUnder(Taxonomy taxonomy, LabelMapping mapping) {
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(mapping, "mapping");
        Optional<String> mapped = mapping.map(label);
        if (mapped.isEmpty()) {
            throw new IllegalArgumentException("feedback '" + id + "' has the label '" + label
                    + "', which the label mapping drops; the taxonomy's labels are " + taxonomy.labels());
        }
        String newLabel = mapped.get();
        if (!taxonomy.contains(newLabel)) {
            String via = newLabel.equals(label) ? "," : ", which the label mapping maps to '" + newLabel + "',";
            String hint = taxonomy.resolve(newLabel).map(l -> " (did you mean '" + l + "'?)").orElse("");
            throw new IllegalArgumentException("feedback '" + id + "' has the label '" + label + "'" + via
                    + " not one of the taxonomy's labels " + taxonomy.labels() + hint);
        }
        Optional<String> newPredicted = predicted.map(p -> mapping.map(p).orElse(p));
        return new Feedback(id, article, newLabel, newPredicted, reason, Optional.of(taxonomy.fingerprint()),
                createdAt, source);
    }

    /**
     * The same feedback under another id. Give ids you can make again (from your own record's key, say): adding
     * feedback whose id a store holds already changes nothing, so running the same import twice adds nothing.
     *
     * @param newId the id; not blank
     * @return the feedback with that id
     * @throws IllegalArgumentException if the id is blank
     */
    public Feedback withId(String newId) {
        return new Feedback(newId, article, label, predicted, reason, taxonomyFingerprint, createdAt, source);
    }

    /**
     * The same feedback with another label (used when a {@link LabelMapping} renames categories).
     *
     * @param newLabel the label; not blank
     * @return the feedback with that label
     */
    public Feedback withLabel(String newLabel) {
        return new Feedback(id, article, newLabel, predicted, reason, taxonomyFingerprint, createdAt, source);
    }

    /**
     * The same feedback, recorded as coming from this source.
     *
     * @param newSource where the feedback came from
     * @return the feedback with that source
     */
    public Feedback withSource(FeedbackSource newSource) {
        return new Feedback(id, article, label, predicted, reason, taxonomyFingerprint, createdAt, newSource);
    }

    /**
     * The same feedback, recorded as given by this person: {@code withSource(FeedbackSource.person(who))}.
     *
     * @param who whoever the application knows the person by; not blank
     * @return the feedback with the person as its source
     * @throws IllegalArgumentException if the name is blank or not one line (see {@link FeedbackSource})
     */
    public Feedback by(String who) {
        return withSource(FeedbackSource.person(who));
    }

    /**
     * Whether the person disagreed with the classifier.
     *
     * @return true when the person's label differs from the predicted one
     */
    public boolean isCorrection() {
        return predicted.isPresent() && !predicted.get().equals(label);
    }

    /**
     * The article with the person's label, as a training row.
     *
     * @return the labelled article
     */
    public LabeledArticle toLabeled() {
        return new LabeledArticle(article, label);
    }

    /**
     * Builds a correction with each label named by its role, so that the classifier's label and the person's
     * cannot be swapped unnoticed; {@link #by(String)} or {@link #withSource(FeedbackSource)} says who gave it.
     * {@link #because(String)} ends it.
     */
    public static final class Correction {
        private final Article article;
        private String predicted;
        private String label;
        private FeedbackSource source = FeedbackSource.UNKNOWN;

        private Correction(Article article) {
            this.article = Objects.requireNonNull(article, "article");
        }

        /**
         * The label the classifier gave.
         *
         * @param predictedLabel the classifier's label; not blank
         * @return this builder
         * @throws IllegalArgumentException if the label is blank
         */
        public Correction from(String predictedLabel) {
            this.predicted = requireLabel(predictedLabel, "predicted");
            return this;
        }

        /**
         * The label the person says is right.
         *
         * @param rightLabel the person's label; not blank
         * @return this builder
         * @throws IllegalArgumentException if the label is blank
         */
        public Correction to(String rightLabel) {
            this.label = requireLabel(rightLabel, "corrected");
            return this;
        }

        /**
         * The person who made the correction: {@code withSource(FeedbackSource.person(who))}.
         *
         * @param who whoever the application knows the person by; not blank
         * @return this builder
         * @throws IllegalArgumentException if the name is blank or not one line (see {@link FeedbackSource})
         */
        public Correction by(String who) {
            this.source = FeedbackSource.person(who);
            return this;
        }

        /**
         * Where the correction came from, when it is not simply a person's ({@link FeedbackSource}); without this
         * or {@link #by(String)} the source is {@link FeedbackSource#UNKNOWN}.
         *
         * @param correctionSource where the correction came from
         * @return this builder
         */
        public Correction withSource(FeedbackSource correctionSource) {
            this.source = Objects.requireNonNull(correctionSource, "source");
            return this;
        }

        /**
         * Ends the correction with the person's reason.
         *
         * @param reason why the person's label is right; may be empty
         * @return the correction, with a new time-sortable id, created now
         * @throws IllegalStateException if {@link #from} or {@link #to} was not called
         */
        public Feedback because(String reason) {
            Objects.requireNonNull(reason, "reason");
            if (predicted == null) {
                throw new IllegalStateException("correction of article '" + article.id()
                        + "': say which label the classifier gave with from(...)");
            }
            if (label == null) {
                throw new IllegalStateException("correction of article '" + article.id()
                        + "': say which label is right with to(...)");
            }
            return new Feedback(FeedbackIds.next(), article, label, Optional.of(predicted), reason, Optional.empty(),
                    Instant.now(), source);
        }

        private String requireLabel(String value, String role) {
            Objects.requireNonNull(value, role + " label");
            if (value.isBlank()) {
                throw new IllegalArgumentException(role + " label for article '" + article.id() + "' is blank");
            }
            return value;
        }
    }
}
