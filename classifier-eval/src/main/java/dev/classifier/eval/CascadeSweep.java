package dev.classifier.eval;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code Classifiers.cascade(first, t, fallback)} would do on a set, for many thresholds t, computed from
 * one evaluation of each classifier: no classifier runs again, so a paid model is paid once per article
 * whatever the number of thresholds.
 *
 * <p>Per article it decides as the cascade does: the first classifier's prediction stands when its confidence
 * reaches t (a NaN confidence never does); otherwise, or when the first failed, the fallback's outcome is
 * taken, carrying the usage of both. Cost counts what was spent: the first classifier's on every article and
 * the fallback's on those passed on. (Evaluating a cascade directly cannot see the first classifier's cost
 * on an article whose fallback then failed, since a failure carries no usage; the sweep counts it.)
 *
 * <pre>{@code
 * SweepResult sweep = CascadeSweep.builder().first(local).fallback(prompt).step(0.05).build().run();
 * }</pre>
 */
public final class CascadeSweep {

    public static final double DEFAULT_STEP = 0.05;

    private final EvaluationResult first;
    private final EvaluationResult fallback;
    private final List<Double> thresholds;

    private CascadeSweep(EvaluationResult first, EvaluationResult fallback, List<Double> thresholds) {
        this.first = first;
        this.fallback = fallback;
        this.thresholds = List.copyOf(thresholds);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every threshold's accuracy, share answered by the first classifier and cost. */
    public SweepResult run() {
        List<SweepPoint> points = new ArrayList<>(thresholds.size());
        for (double threshold : thresholds) {
            EvaluationResult cascade = at(threshold);
            int passed = passedToFallback(threshold);
            points.add(new SweepPoint(threshold, cascade.accuracy(), cascade.macroF1(),
                    (double) (first.n() - passed) / first.n(), passed, cascade.usage().costPer1000Usd()));
        }
        return new SweepResult(SweepResult.Reference.of(first), SweepResult.Reference.of(fallback), first.n(), points);
    }

    /**
     * The full result of the cascade at one threshold, as if it had been evaluated: its latency is the first
     * classifier's time plus the fallback's where it was asked ({@link LatencySummary.Basis#CASCADE_SUM}).
     */
    public EvaluationResult at(double threshold) {
        checkThreshold(threshold);
        List<ArticleResult> combined = new ArrayList<>(first.n());
        for (int i = 0; i < first.n(); i++) {
            combined.add(decide(first.articles().get(i), fallback.articles().get(i), threshold));
        }
        String name = String.format(Locale.ROOT, "cascade(%s ≥ %.2f, else %s)", first.name(), threshold, fallback.name());
        // Estimated as the sum of the articles' times: a cascade asks the fallback only about some of them.
        long wall = combined.stream().mapToLong(ArticleResult::latencyNanos).sum();
        return EvaluationResult.of(name, first.taxonomyLabels(), combined, LatencySummary.Basis.CASCADE_SUM, wall);
    }

    /** Decides one article as {@code Classifiers.cascade} does. */
    static ArticleResult decide(ArticleResult byFirst, ArticleResult byFallback, double threshold) {
        if (isSure(byFirst.prediction(), threshold)) {
            return byFirst;
        }
        Usage spent = byFirst.usage();
        Outcome outcome = byFallback.outcome();
        if (outcome instanceof Outcome.Success success) {
            Prediction second = success.prediction();
            outcome = Outcome.success(second.withUsage(spent.plus(second.usage())));
        }
        return new ArticleResult(byFirst.articleId(), byFirst.title(), byFirst.gold(), outcome,
                spent.plus(byFallback.usage()), byFirst.latencyNanos() + byFallback.latencyNanos());
    }

    private static boolean isSure(Optional<Prediction> prediction, double threshold) {
        return prediction.isPresent() && prediction.get().confidence() >= threshold; // false for NaN
    }

    private int passedToFallback(double threshold) {
        return (int) first.articles().stream().filter(a -> !isSure(a.prediction(), threshold)).count();
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("cascade threshold must be in [0,1], was " + threshold);
        }
    }

    /** Configures a {@link CascadeSweep}; {@link #build()} fails fast on what is missing or mismatched. */
    public static final class Builder {
        private EvaluationResult first;
        private EvaluationResult fallback;
        private double step = DEFAULT_STEP;
        private List<Double> thresholds;

        private Builder() {
        }

        /** The evaluation of the cheap classifier that answers first. */
        public Builder first(EvaluationResult first) {
            this.first = Objects.requireNonNull(first, "first");
            return this;
        }

        /** The evaluation of the classifier asked when the first is unsure. */
        public Builder fallback(EvaluationResult fallback) {
            this.fallback = Objects.requireNonNull(fallback, "fallback");
            return this;
        }

        /** Thresholds 0, step, 2*step, ... and 1; default {@value #DEFAULT_STEP}. */
        public Builder step(double step) {
            if (!(step > 0.0 && step <= 1.0)) {
                throw new IllegalArgumentException("sweep step must be in (0,1], was " + step);
            }
            this.step = step;
            this.thresholds = null;
            return this;
        }

        /** Exactly these thresholds instead of a step. */
        public Builder thresholds(List<Double> thresholds) {
            if (thresholds.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one threshold");
            }
            thresholds.forEach(CascadeSweep::checkThreshold);
            this.thresholds = List.copyOf(thresholds);
            return this;
        }

        public CascadeSweep build() {
            if (first == null || fallback == null) {
                throw new IllegalStateException("a cascade sweep needs the evaluations of both the first and the fallback classifier");
            }
            SameSet.check(first, fallback);
            if (!first.taxonomyLabels().equals(fallback.taxonomyLabels())) {
                throw new IllegalArgumentException("a cascade needs classifiers with the same labels, but '" + first.name()
                        + "' has " + first.taxonomyLabels() + " and '" + fallback.name() + "' has " + fallback.taxonomyLabels());
            }
            return new CascadeSweep(first, fallback, thresholds != null ? thresholds : stepped(step));
        }

        /** 0, step, 2*step, ... rounded to 1e-9 so that 0.1 steps give 0.3 and not 0.30000000000000004, then 1. */
        private static List<Double> stepped(double step) {
            List<Double> result = new ArrayList<>();
            for (int i = 0; ; i++) {
                double t = Math.round(i * step * 1e9) / 1e9;
                if (t >= 1.0) {
                    break;
                }
                result.add(t);
            }
            result.add(1.0);
            return result;
        }
    }
}
