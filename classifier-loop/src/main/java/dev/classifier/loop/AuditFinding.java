package dev.classifier.loop;

import dev.classifier.api.Feedback;

import java.util.Objects;
import java.util.Optional;

/**
 * One feedback the audit reports.
 *
 * @param kind         likely wrong, or superseded by newer feedback
 * @param feedback     the feedback
 * @param likelyLabel  the label the rest of the data gives it (likely wrong), or the newer label (superseded)
 * @param score        how strongly: one minus the out-of-fold probability of the given label, i.e. how likely the
 *                     model that did not learn from it finds the label wrong (likely wrong), or the similarity to
 *                     the newer feedback, 1 for the same article (superseded)
 * @param supersededBy the id of the newer feedback (superseded), or empty
 * @param reason       why, in words a person reads
 */
public record AuditFinding(Kind kind, Feedback feedback, Optional<String> likelyLabel, double score,
                           Optional<String> supersededBy, String reason) {

    /** What the audit says of a feedback. */
    public enum Kind {
        /** The rest of the data contradicts its label: probably a mistake. */
        LIKELY_WRONG,
        /**
         * Newer feedback says otherwise: the same article labelled again, or a newer correction of a similar
         * article (a rule change). Not an error; the older label no longer holds.
         */
        SUPERSEDED
    }

    /**
     * Checks the parts.
     *
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if a superseded finding names no newer feedback, or the reason is blank
     */
    public AuditFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(likelyLabel, "likelyLabel");
        Objects.requireNonNull(supersededBy, "supersededBy");
        Objects.requireNonNull(reason, "reason");
        if (kind == Kind.SUPERSEDED && supersededBy.isEmpty()) {
            throw new IllegalArgumentException("superseded feedback '" + feedback.id() + "' names no newer feedback");
        }
        if (reason.isBlank()) {
            throw new IllegalArgumentException("finding of feedback '" + feedback.id() + "' has no reason");
        }
    }

    /**
     * The feedback's id.
     *
     * @return the id
     */
    public String feedbackId() {
        return feedback.id();
    }
}
