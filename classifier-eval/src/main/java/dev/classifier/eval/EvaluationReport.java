package dev.classifier.eval;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report shows: one or more results on one labelled set (side by side when several) and, if given,
 * a cascade sweep. Rendered by {@link ConsoleReport}, {@link JsonReport} and {@link HtmlReport}.
 */
public record EvaluationReport(String title, List<EvaluationResult> results, Optional<SweepResult> sweep) {

    public EvaluationReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(sweep, "sweep");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("report '" + title + "' has no results");
        }
        new Comparison(results); // fails if the results were not had on one set
    }

    public static EvaluationReport of(String title, EvaluationResult... results) {
        return new EvaluationReport(title, List.of(results), Optional.empty());
    }

    public static EvaluationReport of(String title, List<EvaluationResult> results) {
        return new EvaluationReport(title, results, Optional.empty());
    }

    public EvaluationReport withSweep(SweepResult sweep) {
        return new EvaluationReport(title, results, Optional.of(sweep));
    }

    /** The side-by-side view, when there are several results. */
    public Optional<Comparison> comparison() {
        return results.size() > 1 ? Optional.of(new Comparison(results)) : Optional.empty();
    }
}
