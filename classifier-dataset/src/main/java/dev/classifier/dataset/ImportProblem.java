package dev.classifier.dataset;

import java.util.Objects;

/**
 * A row of an import that cannot become feedback, and why: the source (a file, or the name given for a stream), the
 * line where the row starts (1-based; for CSV, the line of the row's first value, so a value spanning lines does not
 * shift the count) and what is wrong, in plain words. Never the article's text.
 *
 * @param source  the file or stream name
 * @param line    1-based line where the row starts; 1 for a problem of the file as a whole (such as its header)
 * @param message what is wrong
 */
public record ImportProblem(String source, long line, String message) {

    public ImportProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
    }

    /** {@code source:line: message}, the form compilers use and editors link to. */
    @Override
    public String toString() {
        return source + ":" + line + ": " + message;
    }
}
