package dev.classifier.api;

/** The provider or the network failed (5xx, time-out, dropped connection): trying again later may work. */
public class UnavailableException extends ClassificationException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
