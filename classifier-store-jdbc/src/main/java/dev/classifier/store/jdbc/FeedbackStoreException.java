package dev.classifier.store.jdbc;

/**
 * The database could not do what the store was asked: it went away, stayed locked, refused the statement, or holds
 * tables this release cannot read. The message says which store (its URL without credentials), what was being done
 * and what that means for the data; the cause is the driver's exception.
 *
 * <p>An add or addAll that fails this way may or may not have been stored. Adding the same feedback again is safe:
 * adds are idempotent on the feedback id.
 */
public class FeedbackStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FeedbackStoreException(String message) {
        super(message);
    }

    public FeedbackStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
