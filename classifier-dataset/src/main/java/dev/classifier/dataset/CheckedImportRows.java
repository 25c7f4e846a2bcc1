package dev.classifier.dataset;

import dev.classifier.api.Feedback;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rows read so far, checked: valid feedback in order, repeats, drops and problems. */
final class CheckedImportRows implements ImportRows.Sink {
    private final String source;
    private final ImportRows rows;
    final List<Feedback> valid = new ArrayList<>();
    final List<ImportProblem> problems = new ArrayList<>();
    private final Map<String, Long> lineById = new HashMap<>();
    private final Map<String, Feedback> byId = new HashMap<>();
    int repeats;
    int dropped;

    CheckedImportRows(String source, ImportRows rows) {
        this.source = source;
        this.rows = rows;
    }

    @Override
    public void row(ImportRows.SourceRow row) {
        ImportRows.Outcome outcome = rows.check(row);
        if (outcome instanceof ImportRows.Bad bad) {
            problem(new ImportProblem(source, row.line(), bad.message()));
        } else if (outcome instanceof ImportRows.Dropped) {
            dropped++;
        } else {
            Feedback feedback = ((ImportRows.Valid) outcome).feedback();
            Feedback first = byId.putIfAbsent(feedback.id(), feedback);
            if (first == null) {
                lineById.put(feedback.id(), row.line());
                valid.add(feedback);
            } else if (first.equals(feedback)) {
                repeats++; // the same row twice: stored once
            } else {
                problem(new ImportProblem(source, row.line(), "the same article id ('" + feedback.article().id()
                        + "') as line " + lineById.get(feedback.id()) + ", with another text or label"));
            }
        }
    }

    @Override
    public void problem(ImportProblem problem) {
        problems.add(problem);
    }
}
