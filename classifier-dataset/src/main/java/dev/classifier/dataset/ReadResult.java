package dev.classifier.dataset;

import java.util.List;

/** The records read from a JSONL input and the bad lines skipped on the way. */
public record ReadResult<T>(List<T> records, List<JsonlProblem> problems) {

    public ReadResult {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
