package dev.classifier.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Accuracy and cost of {@code Classifiers.cascade(first, t, fallback)} against the threshold t, and of each
 * classifier alone for reference.
 */
public record SweepResult(Reference first, Reference fallback, int n, List<SweepPoint> points) {

    /** One classifier alone on the set. */
    public record Reference(String name, double accuracy, double costPer1000Usd) {
        public Reference {
            Objects.requireNonNull(name, "name");
        }

        static Reference of(EvaluationResult result) {
            return new Reference(result.name(), result.accuracy(), result.usage().costPer1000Usd());
        }
    }

    public SweepResult {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(fallback, "fallback");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one threshold");
        }
    }

    /** The cheapest threshold whose accuracy reaches {@code accuracy} (the lowest threshold of equals), if any. */
    public Optional<SweepPoint> cheapestReaching(double accuracy) {
        return points.stream().filter(p -> p.accuracy() >= accuracy)
                .min(Comparator.comparingDouble(SweepPoint::costPer1000Usd).thenComparingDouble(SweepPoint::threshold));
    }

    /** The most accurate threshold (the cheapest of equals). */
    public SweepPoint mostAccurate() {
        return points.stream()
                .max(Comparator.comparingDouble(SweepPoint::accuracy)
                        .thenComparing(Comparator.comparingDouble(SweepPoint::costPer1000Usd).reversed()))
                .orElseThrow();
    }
}
