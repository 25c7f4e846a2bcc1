package dev.classifier.eval;

import dev.classifier.api.Outcome;

import java.util.Objects;

/**
 * An article the classifier gave no prediction for: its id, the exception's class name and its message
 * (messages of {@link dev.classifier.api.ClassificationException} never hold the article text).
 */
public record FailedArticle(String articleId, String errorType, String message) {

    public FailedArticle {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(message, "message");
    }

    static FailedArticle of(String articleId, Outcome.Failure failure) {
        String message = failure.error().getMessage();
        return new FailedArticle(articleId, failure.error().getClass().getName(), message == null ? "" : message);
    }
}
