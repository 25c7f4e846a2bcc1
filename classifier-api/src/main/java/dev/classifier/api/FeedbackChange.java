package dev.classifier.api;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a store's change feed: feedback added, retracted or purged. Sequences start at 1 and grow by one per
 * change, in the order the store made the changes durable.
 *
 * <p>A purge rewrites history on purpose: once feedback is purged, every change about it reads as {@link
 * Kind#PURGED} with its {@linkplain #tombstone(Feedback) tombstone}, at the sequence of its add and of its
 * retraction as well as at the new sequence of the purge itself. So a reader that starts over from 0 never meets the
 * purged text, and a reader that follows the feed meets the purge as one more change.
 *
 * @param sequence the change's place in the feed, from 1
 * @param kind     what happened
 * @param feedback the feedback the change is about; for {@link Kind#PURGED}, its tombstone
 */
public record FeedbackChange(long sequence, Kind kind, Feedback feedback) {

    /**
     * What the body of a purged article reads as: the article's title and body are gone, and an article needs some
     * text. It is a marker, not data: nothing should classify or train on a tombstone.
     */
    public static final String PURGED_TEXT = "[purged]";

    /** What happened to the feedback. */
    public enum Kind {
        /** The feedback was stored. */
        ADDED,
        /** The feedback was taken back: it no longer teaches, but its text is kept. */
        RETRACTED,
        /** The feedback's text was removed from the store for good; only its tombstone is left. */
        PURGED
    }

    /**
     * Checks the change.
     *
     * @param sequence the change's place in the feed, from 1
     * @param kind     what happened
     * @param feedback the feedback the change is about; for {@link Kind#PURGED}, its tombstone
     * @throws IllegalArgumentException if the sequence is below 1, or a purge carries more than a tombstone
     */
    public FeedbackChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feedback, "feedback");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be >= 1, was " + sequence);
        }
        if (kind == Kind.PURGED && !isTombstone(feedback)) {
            throw new IllegalArgumentException("a purge of feedback '" + feedback.id()
                    + "' must carry its tombstone, not its text");
        }
    }

    /**
     * What a purge leaves of feedback: its id, its article's id, the labels, the taxonomy fingerprint, the time and
     * the {@linkplain FeedbackSource#kind() kind} of its source; the article's title (empty) and body ({@link
     * #PURGED_TEXT}), its metadata, the reason and the source's name are gone.
     *
     * <p>The source's name goes because it is personal data too (a person's name, or a file named after one), and
     * a purge is the one way the library removes data for good: what it leaves must be what following the feed
     * needs (ids, labels, times), nothing that says who. A reason, the person's own words, goes for the same
     * reason. The kind stays, so an audit can still tell a person's label from an import's.
     *
     * @param feedback feedback as stored, or already a tombstone
     * @return the tombstone of the feedback
     */
    public static Feedback tombstone(Feedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        return tombstone(feedback.id(), feedback.article().id(), feedback.label(), feedback.predicted(),
                feedback.taxonomyFingerprint(), feedback.createdAt(), feedback.source().kind());
    }

    /**
     * The tombstone of purged feedback from the fields a store keeps of it.
     *
     * @param feedbackId          the purged feedback's id
     * @param articleId           the id of the article it was about
     * @param label               the label it gave
     * @param predicted           the label the classifier had given, if it was a correction
     * @param taxonomyFingerprint the fingerprint of the taxonomy it was given under, if known
     * @param createdAt           when the feedback was made
     * @return feedback whose article has no text but {@link #PURGED_TEXT}, whose reason is empty, and whose source
     *         is {@link FeedbackSource#UNKNOWN}
     */
    public static Feedback tombstone(String feedbackId, String articleId, String label, Optional<String> predicted,
                                     Optional<String> taxonomyFingerprint, Instant createdAt) {
        return tombstone(feedbackId, articleId, label, predicted, taxonomyFingerprint, createdAt,
                FeedbackSource.Kind.UNKNOWN);
    }

    /**
     * The tombstone of purged feedback from the fields a store keeps of it, with the kind of its source.
     *
     * @param feedbackId          the purged feedback's id
     * @param articleId           the id of the article it was about
     * @param label               the label it gave
     * @param predicted           the label the classifier had given, if it was a correction
     * @param taxonomyFingerprint the fingerprint of the taxonomy it was given under, if known
     * @param createdAt           when the feedback was made
     * @param sourceKind          the kind of source it came from (a tombstone keeps no name)
     * @return feedback whose article has no text but {@link #PURGED_TEXT}, whose reason is empty, and whose source
     *         has the kind and no name
     */
    public static Feedback tombstone(String feedbackId, String articleId, String label, Optional<String> predicted,
                                     Optional<String> taxonomyFingerprint, Instant createdAt,
                                     FeedbackSource.Kind sourceKind) {
        return new Feedback(feedbackId, new Article(articleId, "", PURGED_TEXT, Map.of()), label, predicted, "",
                taxonomyFingerprint, createdAt, new FeedbackSource(sourceKind, ""));
    }

    /**
     * Whether feedback is a tombstone: what {@link #tombstone(Feedback)} makes, and nothing more.
     *
     * @param feedback any feedback
     * @return true if it carries no text but the purge marker, and no source name
     */
    public static boolean isTombstone(Feedback feedback) {
        Article article = feedback.article();
        return article.title().isEmpty() && article.body().equals(PURGED_TEXT) && article.metadata().isEmpty()
                && feedback.reason().isEmpty() && feedback.source().name().isEmpty();
    }
}
