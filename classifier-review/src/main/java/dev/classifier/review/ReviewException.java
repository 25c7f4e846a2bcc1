package dev.classifier.review;

/**
 * A request the review API refuses: the HTTP status it answers with and a message for the person (which never
 * repeats article text or a token).
 */
final class ReviewException extends RuntimeException {

    private final int status;
    private final String code;

    ReviewException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    /** A stable code the page words in the reviewer's language. */
    String code() {
        return code;
    }

    static ReviewException badRequest(String code, String message) {
        return new ReviewException(400, code, message);
    }

    static ReviewException notFound(String code, String message) {
        return new ReviewException(404, code, message);
    }

    static ReviewException conflict(String code, String message) {
        return new ReviewException(409, code, message);
    }
}
