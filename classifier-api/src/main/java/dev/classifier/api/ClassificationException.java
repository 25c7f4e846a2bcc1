package dev.classifier.api;

/**
 * Why a prediction could not be had, said plainly. Never carries the article text (it is user data and may be
 * long); subclasses say what a caller can do about it.
 */
public class ClassificationException extends RuntimeException {

    /**
     * A failure with no underlying cause.
     *
     * @param message what went wrong and for which article id; never the article text
     */
    public ClassificationException(String message) {
        super(message);
    }

    /**
     * A failure caused by another exception.
     *
     * @param message what went wrong and for which article id; never the article text
     * @param cause   the underlying failure (a client or I/O exception, say)
     */
    public ClassificationException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether trying again later may succeed.
     *
     * @return false here; true for {@link RateLimitedException} and {@link UnavailableException}
     */
    public boolean isRetryable() {
        return false;
    }
}
