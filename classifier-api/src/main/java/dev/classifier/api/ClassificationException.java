package dev.classifier.api;

/**
 * Why a prediction could not be had, said plainly. Never carries the article text (it is user data and may be
 * long); subclasses say what a caller can do about it.
 */
public class ClassificationException extends RuntimeException {

    public ClassificationException(String message) {
        super(message);
    }

    public ClassificationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether trying again later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
