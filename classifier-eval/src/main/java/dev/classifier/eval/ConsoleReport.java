package dev.classifier.eval;

import dev.classifier.api.Prediction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report as aligned plain text for a terminal: the side-by-side table and the sweep when there are, then
 * each result's summary, per-label metrics, confusion matrix, calibration and failures. Columns line up with
 * Chinese labels too (see {@link DisplayWidth}).
 */
public final class ConsoleReport {

    /** At most this many failures are listed per result; the rest are counted. */
    static final int MAX_FAILURES_SHOWN = 20;

    private ConsoleReport() {
    }

    public static String render(EvaluationReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(report.title()).append('\n');
        report.comparison().ifPresent(c -> section(out, "Side by side (" + c.results().get(0).n() + " articles)", comparison(c)));
        report.sweep().ifPresent(s -> section(out, "Cascade threshold sweep: " + s.first().name() + " first, else "
                + s.fallback().name(), sweep(s)));
        for (EvaluationResult result : report.results()) {
            render(out, result);
        }
        return out.toString();
    }

    /**
     * A migration check: what the switch changes (accuracy, macro-F1, cost and latency before and after, labels
     * better and worse, articles fixed and broken), F1 per label, the articles whose label changed and the cascade
     * sweep of the two.
     */
    public static String render(MigrationReport report) {
        return MigrationSections.text(report);
    }

    public static String render(EvaluationResult result) {
        StringBuilder out = new StringBuilder();
        render(out, result);
        return out.toString();
    }

    private static void render(StringBuilder out, EvaluationResult result) {
        out.append("\n## ").append(result.name());
        if (!result.models().isEmpty()) {
            out.append("  (").append(String.join(", ", result.models())).append(')');
        }
        out.append('\n');
        section(out, "Summary", summary(result));
        section(out, "Per label", perLabel(result));
        section(out, "Confusion (rows: gold, columns: predicted)", confusion(result.confusion()));
        section(out, "Calibration (top-label confidence)", calibration(result.calibration()));
        if (!result.failures().isEmpty()) {
            section(out, "Failures (" + result.failed() + ")", failures(result.failures()));
        }
    }

    private static void section(StringBuilder out, String heading, String body) {
        out.append('\n').append(heading).append('\n').append(body);
    }

    static String comparison(Comparison comparison) {
        TextTable table = TextTable.labelThenNumbers(List.of("classifier", "accuracy", "macro-F1", "ECE", "failed",
                "cost/1000", "time/article", "p50", "p95"));
        for (EvaluationResult r : comparison.results()) {
            table.row(List.of(r.name(), Fmt.percent(r.accuracy()), Fmt.decimal(r.macroF1()), Fmt.decimal(r.calibration().ece()),
                    Integer.toString(r.failed()), Fmt.usd(r.usage().costPer1000Usd()), Fmt.millis(r.latency().meanMillis()),
                    Fmt.millis(r.latency().p50Millis()), Fmt.millis(r.latency().p95Millis())));
        }
        List<String> f1Headers = new ArrayList<>(List.of("F1 by label"));
        comparison.results().forEach(r -> f1Headers.add(r.name()));
        TextTable f1 = TextTable.labelThenNumbers(f1Headers);
        for (String label : comparison.labels()) {
            List<String> row = new ArrayList<>(List.of(label));
            comparison.results().forEach(r -> row.add(comparison.metrics(r, label).map(m -> Fmt.decimal(m.f1())).orElse(Fmt.NONE)));
            f1.row(row);
        }
        return table.render() + "\n" + f1.render();
    }

    static String sweep(SweepResult sweep) {
        TextTable table = TextTable.labelThenNumbers(List.of("threshold", "accuracy", "macro-F1", "answered by first",
                "to fallback", "cost/1000"));
        for (SweepPoint p : sweep.points()) {
            table.row(List.of(Fmt.threshold(p.threshold()), Fmt.percent(p.accuracy()), Fmt.decimal(p.macroF1()),
                    Fmt.percent(p.firstShare()), Integer.toString(p.passedToFallback()), Fmt.usd(p.costPer1000Usd())));
        }
        String references = String.format("%s alone: accuracy %s, cost/1000 %s; %s alone: accuracy %s, cost/1000 %s%n",
                sweep.first().name(), Fmt.percent(sweep.first().accuracy()), Fmt.usd(sweep.first().costPer1000Usd()),
                sweep.fallback().name(), Fmt.percent(sweep.fallback().accuracy()), Fmt.usd(sweep.fallback().costPer1000Usd()));
        return table.render() + references;
    }

    static String summary(EvaluationResult r) {
        TextTable table = new TextTable(List.of("measure", "value"), List.of(TextTable.Align.LEFT, TextTable.Align.LEFT));
        table.row(List.of("articles", r.n() + " (" + r.answered() + " answered, " + r.failed() + " failed)"));
        table.row(List.of("accuracy", Fmt.percent(r.accuracy())));
        table.row(List.of("macro-F1", Fmt.decimal(r.macroF1())));
        table.row(List.of("ECE", Fmt.decimal(r.calibration().ece()) + nanNote(r.calibration())));
        table.row(List.of("cost", Fmt.usd(r.usage().total().costUsd()) + " total, " + Fmt.usd(r.usage().costPer1000Usd()) + " per 1,000"));
        table.row(List.of("tokens per 1,000", Fmt.tokens(r.usage().tokensPer1000()) + " " + Fmt.tokenBreakdown(r.usage())));
        LatencySummary latency = r.latency();
        String times = latency.percentilesKnown()
                ? "p50 " + Fmt.millis(latency.p50Millis()) + ", p95 " + Fmt.millis(latency.p95Millis())
                : Fmt.millis(latency.meanMillis()) + " per article";
        table.row(List.of("latency", times + " (" + Fmt.basis(latency.basis()) + "), wall " + Fmt.millis(latency.wallMillis())));
        if (!r.flags().isEmpty()) {
            List<String> flags = new ArrayList<>();
            for (Map.Entry<Prediction.Flag, Integer> e : r.flags().entrySet()) {
                flags.add(e.getKey() + " " + e.getValue());
            }
            table.row(List.of("flags", String.join(", ", flags)));
        }
        return table.render();
    }

    static String perLabel(EvaluationResult r) {
        TextTable table = TextTable.labelThenNumbers(List.of("label", "precision", "recall", "F1", "support", "predicted"));
        for (LabelMetrics m : r.labels()) {
            table.row(List.of(m.label(), Fmt.decimal(m.precision()), Fmt.decimal(m.recall()), Fmt.decimal(m.f1()),
                    Integer.toString(m.support()), Integer.toString(m.predicted())));
        }
        return table.render();
    }

    static String confusion(ConfusionMatrix matrix) {
        List<String> headers = new ArrayList<>(List.of("gold \\ predicted"));
        headers.addAll(matrix.labels());
        boolean failures = matrix.totalFailed() > 0;
        if (failures) {
            headers.add("(failed)");
        }
        TextTable table = TextTable.labelThenNumbers(headers);
        for (int g = 0; g < matrix.size(); g++) {
            List<String> row = new ArrayList<>(List.of(matrix.labels().get(g)));
            for (int p = 0; p < matrix.size(); p++) {
                row.add(Integer.toString(matrix.count(g, p)));
            }
            if (failures) {
                row.add(Integer.toString(matrix.failed(g)));
            }
            table.row(row);
        }
        return table.render();
    }

    static String calibration(Calibration calibration) {
        TextTable table = TextTable.labelThenNumbers(List.of("confidence", "count", "accuracy", "mean confidence"));
        for (Calibration.Bin bin : calibration.bins()) {
            if (bin.count() > 0) {
                table.row(List.of(Fmt.threshold(bin.lower()) + "–" + Fmt.threshold(bin.upper()), Integer.toString(bin.count()),
                        Fmt.percent(bin.accuracy()), Fmt.decimal(bin.meanConfidence())));
            }
        }
        return table.render() + "ECE " + Fmt.decimal(calibration.ece()) + nanNote(calibration) + "\n";
    }

    static String failures(List<FailedArticle> failures) {
        TextTable table = new TextTable(List.of("article", "error", "message"),
                List.of(TextTable.Align.LEFT, TextTable.Align.LEFT, TextTable.Align.LEFT));
        failures.stream().limit(MAX_FAILURES_SHOWN).forEach(f -> table.row(List.of(f.articleId(), shortName(f.errorType()), f.message())));
        String more = failures.size() > MAX_FAILURES_SHOWN ? "... and " + (failures.size() - MAX_FAILURES_SHOWN) + " more\n" : "";
        return table.render() + more;
    }

    private static String nanNote(Calibration calibration) {
        return calibration.nanConfidences() == 0 ? "" : " (" + calibration.nanConfidences() + " without a confidence left out)";
    }

    static String shortName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
