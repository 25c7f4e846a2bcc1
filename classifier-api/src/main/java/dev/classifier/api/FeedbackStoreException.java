package dev.classifier.api;

/**
 * A {@link FeedbackStore} could not do what it was asked because of its storage: a file could not be read or
 * written, a database went away, stayed locked or refused a statement, or the stored data is not what the store can
 * read. The message says which store (a file name, or a database URL without credentials), what was being done and
 * what that means for the data; the cause is the underlying exception (an {@link java.io.IOException}, a
 * {@code SQLException}, ...). Stores throw it from the thread that called them, so the stack trace shows
 * the caller.
 *
 * <p>An add that fails this way may or may not have been stored. Adding the same feedback again is safe: adds are
 * idempotent on {@link Feedback#id()}. A purge that fails has either removed the text or left the store as it
 * was; purging again is safe.
 *
 * <p>Stores may throw subclasses that say more (such as the line of a file that cannot be read). Using a closed
 * store is an {@link IllegalStateException}, not this: that is a mistake of the caller, not of the storage.
 */
public class FeedbackStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure without an underlying exception, such as stored data the store cannot read.
     *
     * @param message which store, what was being done and what went wrong; never article text
     */
    public FeedbackStoreException(String message) {
        super(message);
    }

    /**
     * A failure of the storage underneath.
     *
     * @param message which store, what was being done and what went wrong; never article text
     * @param cause   the exception of the file system, the database driver or the thread that did the work
     */
    public FeedbackStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
