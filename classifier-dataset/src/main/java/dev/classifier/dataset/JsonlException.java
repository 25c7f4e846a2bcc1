package dev.classifier.dataset;

import java.util.List;
import java.util.Objects;

/**
 * A JSONL input that cannot be read as asked: the first bad line when failing fast, or the bad line that went over
 * the cap when collecting problems. The message names the file, the line, the column and what is wrong.
 */
public final class JsonlException extends RuntimeException {

    private final JsonlProblem problem;
    private final List<JsonlProblem> problems;

    JsonlException(JsonlProblem problem, List<JsonlProblem> problems, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.problems = List.copyOf(problems);
    }

    static JsonlException of(JsonlProblem problem, Throwable cause) {
        return new JsonlException(problem, List.of(problem), problem.toString(), cause);
    }

    /** The problem that stopped the reading. */
    public JsonlProblem problem() {
        return problem;
    }

    /** Every problem found up to and including {@link #problem()}, in line order. */
    public List<JsonlProblem> problems() {
        return problems;
    }

    public String file() {
        return problem.file();
    }

    public long line() {
        return problem.line();
    }

    public int column() {
        return problem.column();
    }
}
