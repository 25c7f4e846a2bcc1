package dev.classifier.dataset;

import dev.classifier.api.Feedback;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a feedback store file, in schema version {@value #VERSION}: feedback added, or feedback retracted.
 * {@link FeedbackLineCodec} turns these into bytes and back.
 */
sealed interface FeedbackLine {

    int VERSION = 1;

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
}
