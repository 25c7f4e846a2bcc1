package dev.classifier.api;

/** The model answered, but not in a form that yields a label (and the strategy was told not to fall back). */
public class BadOutputException extends ClassificationException {

    /**
     * The answer could not be read as a label.
     *
     * @param message what the answer lacked, for which article id; never the article text
     */
    public BadOutputException(String message) {
        super(message);
    }

    /**
     * The answer could not be read as a label, found by a parser that failed.
     *
     * @param message what the answer lacked, for which article id; never the article text
     * @param cause   the parser's exception
     */
    public BadOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
