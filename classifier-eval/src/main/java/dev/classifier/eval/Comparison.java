package dev.classifier.eval;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Several results on one labelled set, side by side. Checked at construction: every result holds the same
 * articles in the same order with the same gold labels.
 */
public record Comparison(List<EvaluationResult> results) {

    public Comparison {
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one result");
        }
        for (EvaluationResult other : results.subList(1, results.size())) {
            SameSet.check(results.get(0), other);
        }
    }

    public static Comparison of(EvaluationResult... results) {
        return new Comparison(List.of(results));
    }

    /** Every label of any result's confusion matrix, the first result's order first. */
    public List<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        results.forEach(r -> labels.addAll(r.confusion().labels()));
        return List.copyOf(labels);
    }

    /** One label's metrics in one result, if that result has the label. */
    public Optional<LabelMetrics> metrics(EvaluationResult result, String label) {
        return result.labels().stream().filter(m -> m.label().equals(label)).findFirst();
    }

    /** The result with the highest accuracy (the first of equals). */
    public EvaluationResult mostAccurate() {
        EvaluationResult best = results.get(0);
        for (EvaluationResult r : results) {
            if (r.accuracy() > best.accuracy()) {
                best = r;
            }
        }
        return best;
    }
}
