package dev.classifier.dataset;

import java.util.List;
import java.util.Objects;

/**
 * An import that stopped before adding anything: bad rows (each named by its source, its line and what is wrong),
 * or a source that cannot be read to its end (a CSV quote never closed, bytes that are not UTF-8).
 */
public final class FeedbackImportException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int LISTED = 20;

    private final String source;
    private final transient List<ImportProblem> problems;

    FeedbackImportException(String source, List<ImportProblem> problems, String what) {
        super(message(source, problems, what));
        this.source = Objects.requireNonNull(source, "source");
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<ImportProblem> problems, String what) {
        StringBuilder message = new StringBuilder(source).append(": ").append(what).append(':');
        for (ImportProblem problem : problems.subList(0, Math.min(LISTED, problems.size()))) {
            message.append("\n  ").append(problem);
        }
        if (problems.size() > LISTED) {
            message.append("\n  ... and ").append(problems.size() - LISTED).append(" more (see problems())");
        }
        return message.toString();
    }

    /** The file or stream name. */
    public String source() {
        return source;
    }

    /** Every problem found, in line order. */
    public List<ImportProblem> problems() {
        return problems;
    }
}
