package dev.classifier.api;

/** The provider or the network failed (5xx, time-out, dropped connection): trying again later may work. */
public class UnavailableException extends ClassificationException {

    /**
     * The provider or the network failed.
     *
     * @param message what failed (status, time-out), without the API key or the article text
     * @param cause   the client's or the network's exception
     */
    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A provider or network failure may pass.
     *
     * @return true
     */
    @Override
    public boolean isRetryable() {
        return true;
    }
}
