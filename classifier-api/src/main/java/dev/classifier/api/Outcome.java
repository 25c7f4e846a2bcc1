package dev.classifier.api;

import java.util.Objects;
import java.util.Optional;

/** The result for one article of {@link Classifier#classifyAll}: a prediction, or why there is none. */
public sealed interface Outcome {

    /**
     * The article got a prediction.
     *
     * @param prediction the prediction
     */
    record Success(Prediction prediction) implements Outcome {
        /**
         * Checks the prediction.
         *
         * @param prediction the prediction
         * @throws NullPointerException if the prediction is null
         */
        public Success {
            Objects.requireNonNull(prediction, "prediction");
        }
    }

    /**
     * The article got no prediction.
     *
     * @param articleId the id of the article that failed
     * @param error     why; {@link ClassificationException#isRetryable()} says whether to try it again
     */
    record Failure(String articleId, ClassificationException error) implements Outcome {
        /**
         * Checks the parts.
         *
         * @param articleId the id of the article that failed
         * @param error     why
         * @throws NullPointerException if the id or the error is null
         */
        public Failure {
            Objects.requireNonNull(articleId, "articleId");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * A success.
     *
     * @param prediction the prediction
     * @return a {@link Success}
     */
    static Outcome success(Prediction prediction) {
        return new Success(prediction);
    }

    /**
     * A failure.
     *
     * @param articleId the id of the article that failed
     * @param error     why
     * @return a {@link Failure}
     */
    static Outcome failure(String articleId, ClassificationException error) {
        return new Failure(articleId, error);
    }

    /**
     * Whether there is a prediction.
     *
     * @return true for a {@link Success}
     */
    default boolean isSuccess() {
        return this instanceof Success;
    }

    /**
     * The prediction, if there is one.
     *
     * @return the prediction, or empty for a failure
     */
    default Optional<Prediction> predictionIfAny() {
        return this instanceof Success s ? Optional.of(s.prediction()) : Optional.empty();
    }
}
