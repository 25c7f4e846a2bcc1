package dev.classifier.dataset;

import java.util.Objects;

/**
 * What is wrong with one line of a JSONL input, and where.
 *
 * @param file    the file (or the name given for a stream)
 * @param line    1-based line number; blank lines count
 * @param column  1-based column in characters (Unicode code points, a BOM not counted); 1 where the line as a whole
 *                is at fault
 * @param message what is wrong, in plain words
 */
public record JsonlProblem(String file, long line, int column, String message) {

    public JsonlProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line);
        }
        if (column < 1) {
            throw new IllegalArgumentException("column must be >= 1, was " + column);
        }
    }

    /** {@code file:line:column: message}, the form compilers use and editors link to. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
