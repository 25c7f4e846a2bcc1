package dev.classifier.eval;

/**
 * Hears how far an {@link Evaluation} has got, once per chunk, so that a caller can show progress
 * (library code prints nothing itself).
 */
@FunctionalInterface
public interface EvaluationListener {

    /**
     * @param done     articles classified so far (failed ones included)
     * @param total    articles in the set
     * @param failures failures so far
     */
    void chunkDone(int done, int total, int failures);

    static EvaluationListener none() {
        return (done, total, failures) -> { };
    }
}
