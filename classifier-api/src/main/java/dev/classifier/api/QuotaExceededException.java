package dev.classifier.api;

/** The account has no quota or credit left: retrying will not help until someone pays or raises the limit. */
public class QuotaExceededException extends ClassificationException {

    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
