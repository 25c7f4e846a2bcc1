package dev.classifier.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What moving from the current classifier to a candidate would change on the user's held-out data
 * ({@link MigrationCheck}): both evaluations, each label's F1 before and after, the articles whose label changed,
 * and a cascade sweep of the two. The numbers for the decision; the decision is the user's. Rendered by
 * {@link ConsoleReport#render(MigrationReport)} and {@link HtmlReport#render(MigrationReport)}.
 *
 * @param title     what the reports call it
 * @param current   the evaluation of the classifier in use
 * @param candidate the evaluation of the one that would replace it
 * @param labels    every label gold or predicted in either result, the current result's order first
 * @param changed   the articles whose label changed, in set order
 * @param sweep     {@code Classifiers.cascade} of the two: the cheaper per 1,000 answers first (the candidate on a
 *                  tie), the other when it is unsure
 */
public record MigrationReport(String title, EvaluationResult current, EvaluationResult candidate,
                              List<LabelChange> labels, List<ChangedArticle> changed, SweepResult sweep) {

    public MigrationReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(sweep, "sweep");
        SameSet.check(current, candidate);
        labels = List.copyOf(labels);
        changed = List.copyOf(changed);
    }

    /** Compares two evaluations of one held-out set. */
    public static MigrationReport of(String title, EvaluationResult current, EvaluationResult candidate,
                                     double sweepStep) {
        SameSet.check(current, candidate);
        boolean candidateFirst = candidate.usage().costPer1000Usd() <= current.usage().costPer1000Usd();
        SweepResult sweep = CascadeSweep.builder().first(candidateFirst ? candidate : current)
                .fallback(candidateFirst ? current : candidate).step(sweepStep).build().run();
        return new MigrationReport(title, current, candidate, labelChanges(current, candidate),
                changedArticles(current, candidate), sweep);
    }

    private static List<LabelChange> labelChanges(EvaluationResult current, EvaluationResult candidate) {
        Set<String> names = new LinkedHashSet<>();
        current.labels().forEach(m -> names.add(m.label()));
        candidate.labels().forEach(m -> names.add(m.label()));
        Comparison both = Comparison.of(current, candidate);
        List<LabelChange> changes = new ArrayList<>();
        for (String label : names) {
            Optional<LabelMetrics> before = both.metrics(current, label);
            Optional<LabelMetrics> after = both.metrics(candidate, label);
            if (!before.map(LabelMetrics::occurs).orElse(false) && !after.map(LabelMetrics::occurs).orElse(false)) {
                continue; // neither gold nor predicted anywhere: nothing to compare
            }
            int support = before.or(() -> after).map(LabelMetrics::support).orElse(0);
            changes.add(new LabelChange(label, before.map(LabelMetrics::f1).orElse(0.0),
                    after.map(LabelMetrics::f1).orElse(0.0), support));
        }
        return changes;
    }

    private static List<ChangedArticle> changedArticles(EvaluationResult current, EvaluationResult candidate) {
        List<ChangedArticle> changed = new ArrayList<>();
        for (int i = 0; i < current.n(); i++) {
            ArticleResult before = current.articles().get(i);
            ArticleResult after = candidate.articles().get(i);
            if (!before.predicted().equals(after.predicted())) {
                changed.add(new ChangedArticle(before.articleId(), before.gold(), before.predicted(),
                        after.predicted()));
            }
        }
        return changed;
    }

    /** The candidate's accuracy minus the current one's (0.022 is 2.2 points better). */
    public double accuracyChange() {
        return candidate.accuracy() - current.accuracy();
    }

    /** The candidate's macro-F1 minus the current one's. */
    public double macroF1Change() {
        return candidate.macroF1() - current.macroF1();
    }

    /** The candidate's cost per 1,000 articles minus the current one's, in US dollars (negative: cheaper). */
    public double costPer1000ChangeUsd() {
        return candidate.usage().costPer1000Usd() - current.usage().costPer1000Usd();
    }

    /** Whether both costs are fully known (a model without prices makes a cost a lower bound). */
    public boolean costsKnown() {
        return current.usage().total().costKnown() && candidate.usage().total().costKnown();
    }

    /** The candidate's median latency minus the current one's, in milliseconds. */
    public double p50LatencyChangeMillis() {
        return candidate.latency().p50Millis() - current.latency().p50Millis();
    }

    /** The labels whose F1 went up, in label order. */
    public List<LabelChange> better() {
        return labels.stream().filter(l -> l.direction() == LabelChange.Direction.BETTER).toList();
    }

    /** The labels whose F1 went down, in label order. */
    public List<LabelChange> worse() {
        return labels.stream().filter(l -> l.direction() == LabelChange.Direction.WORSE).toList();
    }

    /** How many changed articles are of this kind. */
    public int count(ChangedArticle.Kind kind) {
        return (int) changed.stream().filter(c -> c.kind() == kind).count();
    }

    /** The two results side by side with the sweep, for the evaluation reports (JSON, HTML, console). */
    public EvaluationReport evaluationReport() {
        return EvaluationReport.of(title, current, candidate).withSweep(sweep);
    }

    @Override
    public String toString() {
        return "MigrationReport[" + current.name() + " -> " + candidate.name() + ": n=" + current.n()
                + ", accuracy " + Fmt.percent(current.accuracy()) + " -> " + Fmt.percent(candidate.accuracy())
                + ", " + changed.size() + " articles changed]";
    }
}
