package dev.classifier.dataset;

import java.nio.file.Path;
import java.util.Objects;

/** A line of a feedback store file that cannot be read: says which file, which line and what is wrong. */
public final class FeedbackLineException extends RuntimeException {

    private final transient Path file;
    private final long lineNumber;
    private final String problem;

    public FeedbackLineException(Path file, long lineNumber, String problem) {
        super(file + " line " + lineNumber + ": " + problem);
        this.file = Objects.requireNonNull(file, "file");
        this.lineNumber = lineNumber;
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public Path file() {
        return file;
    }

    /** 1-based. */
    public long lineNumber() {
        return lineNumber;
    }

    /** What is wrong with the line, without the file and line number. */
    public String problem() {
        return problem;
    }
}
