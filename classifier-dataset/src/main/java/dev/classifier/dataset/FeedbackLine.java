package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a feedback store file: feedback added, retracted or purged. Adds and retractions are written in
 * schema version {@value #VERSION} (what release 0.1 reads), the lines of a purge in {@value #PURGE_VERSION}, so that
 * an older reader refuses a purged file by its version instead of misreading it. {@link FeedbackLineCodec} turns
 * these into bytes and back.
 */
sealed interface FeedbackLine {

    int VERSION = 1;
    int PURGE_VERSION = 2;

    /** The id of the feedback this line is about. */
    String id();

    /** {@code {"v":1,"op":"add","id":...,"article":{...},"label":...,...}} */
    record Added(Feedback feedback) implements FeedbackLine {
        public Added {
            Objects.requireNonNull(feedback, "feedback");
        }

        @Override
        public String id() {
            return feedback.id();
        }
    }

    /** {@code {"v":1,"op":"retract","id":...,"at":...}} */
    record Retracted(String id, Instant at) implements FeedbackLine {
        public Retracted {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * What a purge leaves in place of an add: {@code {"v":2,"op":"purged","id":...,"article_id":...,"label":...,
     * "predicted":...,"taxonomy":...,"created_at":...}}, with no text.
     */
    record Tombstone(Feedback tombstone) implements FeedbackLine {
        public Tombstone {
            if (!FeedbackChange.isTombstone(tombstone)) {
                throw new IllegalArgumentException("a tombstone line of '" + tombstone.id() + "' would keep text");
            }
        }

        @Override
        public String id() {
            return tombstone.id();
        }
    }

    /** The purge as a change of its own, appended: {@code {"v":2,"op":"purge","id":...,"at":...}} */
    record Purged(String id, Instant at) implements FeedbackLine {
        public Purged {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }
}
