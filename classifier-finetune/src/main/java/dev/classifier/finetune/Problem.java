package dev.classifier.finetune;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One problem of a fine-tuning file.
 *
 * @param line    the 1-based line it is on (blank lines count), or empty for the file as a whole
 * @param kind    what kind of problem it is
 * @param message what is wrong, in plain words (never the example's text)
 */
public record Problem(OptionalLong line, ProblemKind kind, String message) {

    public Problem {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        if (line.isPresent() && line.getAsLong() < 1) {
            throw new IllegalArgumentException("line must be >= 1, was " + line.getAsLong());
        }
    }

    static Problem at(long line, ProblemKind kind, String message) {
        return new Problem(OptionalLong.of(line), kind, message);
    }

    static Problem ofFile(ProblemKind kind, String message) {
        return new Problem(OptionalLong.empty(), kind, message);
    }

    public boolean isError() {
        return kind.isError();
    }

    /** {@code line 12: missing_content: ...}, or {@code file: ...} for the file as a whole. */
    @Override
    public String toString() {
        return (line.isPresent() ? "line " + line.getAsLong() : "file") + ": " + kind.wireName() + ": " + message;
    }
}
