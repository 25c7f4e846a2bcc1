package dev.classifier.api;

/** The account has no quota or credit left: retrying will not help until someone pays or raises the limit. */
public class QuotaExceededException extends ClassificationException {

    /**
     * The provider said the quota is spent.
     *
     * @param message what the provider said, without the API key or the article text
     * @param cause   the client's exception
     */
    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
