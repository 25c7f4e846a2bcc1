package dev.classifier.api;

/** The provider refused the credentials or the permission: fix the key or the project, do not retry. */
public class UnauthorizedException extends ClassificationException {

    public UnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }
}
