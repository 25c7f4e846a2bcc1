package dev.classifier.api;

/** The model answered, but not in a form that yields a label (and the strategy was told not to fall back). */
public class BadOutputException extends ClassificationException {

    public BadOutputException(String message) {
        super(message);
    }

    public BadOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
