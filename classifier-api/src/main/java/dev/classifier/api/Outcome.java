package dev.classifier.api;

import java.util.Objects;
import java.util.Optional;

/** The result for one article of {@link Classifier#classifyAll}: a prediction, or why there is none. */
public sealed interface Outcome {

    record Success(Prediction prediction) implements Outcome {
        public Success {
            Objects.requireNonNull(prediction, "prediction");
        }
    }

    record Failure(String articleId, ClassificationException error) implements Outcome {
        public Failure {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(error, "error");
        }
    }

    static Outcome success(Prediction prediction) {
        return new Success(prediction);
    }

    static Outcome failure(String articleId, ClassificationException error) {
        return new Failure(articleId, error);
    }

    default boolean isSuccess() {
        return this instanceof Success;
    }

    /** The prediction, or empty for a failure. */
    default Optional<Prediction> predictionIfAny() {
        return this instanceof Success s ? Optional.of(s.prediction()) : Optional.empty();
    }
}
