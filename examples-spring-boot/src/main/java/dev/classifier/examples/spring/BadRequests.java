package dev.classifier.examples.spring;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Optional;

/**
 * Bad requests get 400 with a problem detail (RFC 9457) that says what is wrong and where. Its text is the
 * service's own or the library's, never Jackson's: a parser's message may quote the request, and the request holds
 * article text, which is data and never goes into an error.
 */
@RestControllerAdvice
class BadRequests {

    /** A request the records or the library refused: their messages name the field, never the article's text. */
    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail invalid(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A body that is not JSON, not of the endpoint's shape, or that a record refused while being built. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(e));
    }

    static String describe(HttpMessageNotReadableException e) {
        Optional<JacksonException> json = cause(e, JacksonException.class);
        String where = json.map(BadRequests::path).filter(p -> !p.isEmpty()).map(p -> p + ": ").orElse("");
        Optional<IllegalArgumentException> refused = cause(e, IllegalArgumentException.class);
        if (refused.isPresent()) {
            return where + refused.get().getMessage();
        }
        if (json.isEmpty()) {
            return "the request has no JSON body: send one with Content-Type: application/json";
        }
        TokenStreamLocation location = json.get().getLocation();
        String at = location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return where + "the request is not the JSON this endpoint takes" + at
                + " (a JSON object; text fields are strings; see the README)";
    }

    /** The fields that lead to the error, as {@code article.title}; no values. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
