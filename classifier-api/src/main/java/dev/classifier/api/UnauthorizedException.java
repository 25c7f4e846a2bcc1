package dev.classifier.api;

/** The provider refused the credentials or the permission: fix the key or the project, do not retry. */
public class UnauthorizedException extends ClassificationException {

    /**
     * The provider refused the request's credentials.
     *
     * @param message what the provider said, without the API key or the article text
     * @param cause   the client's exception
     */
    public UnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }
}
