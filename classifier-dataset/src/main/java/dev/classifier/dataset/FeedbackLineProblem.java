package dev.classifier.dataset;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Something a feedback store set aside or skipped instead of failing: a torn last line (a writer died mid-line),
 * moved to a side file; or, in tolerant mode, a bad line that was skipped.
 *
 * @param lineNumber 1-based line of the store file where the problem starts
 * @param offset     byte offset of that line in the store file
 * @param sideFile   where the set-aside bytes were moved, for {@link Kind#TORN_TAIL_SET_ASIDE}
 */
public record FeedbackLineProblem(Kind kind, Path file, long lineNumber, long offset, String detail,
                                  Optional<Path> sideFile) {

    public enum Kind {
        /** The file did not end in a newline: the unfinished line was moved to a side file. */
        TORN_TAIL_SET_ASIDE,
        /** A whole line that could not be read was skipped (tolerant mode only). */
        BAD_LINE_SKIPPED
    }

    public FeedbackLineProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(sideFile, "sideFile");
        if (lineNumber < 1 || offset < 0) {
            throw new IllegalArgumentException("line " + lineNumber + " at offset " + offset
                    + " is not a place in a file");
        }
    }

    @Override
    public String toString() {
        return file + " line " + lineNumber + " (offset " + offset + "): " + kind + ": " + detail
                + sideFile.map(p -> " -> " + p).orElse("");
    }
}
