package dev.classifier.eval;

import dev.classifier.api.Prediction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A report as one self-contained HTML page: inline CSS and inline SVG, no script, no URL, so that it opens
 * offline and can be mailed as one file. Shows the side-by-side table and the cascade sweep when there are,
 * then per result a summary, per-label metrics, calibration, a confusion-matrix heat map (colour by the
 * cell's share of its gold row, blue where the label is right and orange where it is wrong, counts in the cells),
 * the misclassified articles and the failures; the header says when it was generated. Every label, id, name,
 * title and message is HTML-escaped: they are user data.
 */
public final class HtmlReport {

    /** At most this many failures are listed per result; the rest are counted. */
    static final int MAX_FAILURES_SHOWN = 200;
    /** At most this many misclassified articles are listed per result; the rest are counted. */
    static final int MAX_MISCLASSIFIED_SHOWN = 200;
    /** Off-diagonal cells of the heat map: an article given the wrong label. */
    private static final String ERROR_RGB = "234, 88, 12";
    private static final String CORRECT_RGB = "37, 99, 235";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String CSS = """
            :root { --fg: #1f2937; --muted: #6b7280; --line: #e5e7eb; --bg: #f3f4f6; --card: #ffffff; }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
              font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
                "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
            main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 19px; margin: 0 0 4px; }
            h3 { font-size: 12px; margin: 22px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
            .meta, .models, .note { color: var(--muted); margin: 0 0 12px; }
            section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 20px 24px; margin: 20px 0; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
            th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
            th:first-child, td:first-child { text-align: left; }
            thead th { color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); vertical-align: bottom; }
            tbody th { font-weight: 600; }
            td.best { font-weight: 700; color: #047857; }
            td.message, td.title { white-space: normal; text-align: left; max-width: 640px; }
            td.error { text-align: left; }
            .wrap { overflow-x: auto; }
            .row { display: flex; flex-wrap: wrap; gap: 8px 40px; align-items: flex-start; }
            dl.summary { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 12px 0 0; }
            dl.summary div { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; background: #f9fafb; }
            dl.summary dt { color: var(--muted); font-size: 12px; }
            dl.summary dd { margin: 2px 0 0; font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
            dl.summary dd small { display: block; font-size: 12px; font-weight: 400; color: var(--muted); }
            table.comparison tbody th { white-space: normal; max-width: 280px; }
            table.comparison td.models, table.comparison th.models { white-space: normal; text-align: left; max-width: 240px; }
            table.comparison td.models { color: var(--muted); font-size: 12px; }
            table.confusion td, table.confusion th { border: 1px solid var(--line); text-align: center; min-width: 44px; }
            table.confusion tbody th { text-align: right; }
            table.confusion thead th.corner { text-align: right; font-weight: 400; font-size: 12px; }
            table.confusion td.diag { outline: 2px solid #1e3a8a; outline-offset: -2px; }
            table.confusion td.total { color: var(--muted); }
            .scale { display: flex; align-items: center; gap: 8px; color: var(--muted); font-size: 12px; margin-top: 8px; }
            .scale span.bar { display: inline-block; width: 160px; height: 10px; border-radius: 3px;
              background: linear-gradient(to right, rgba(37, 99, 235, 0.12), rgba(37, 99, 235, 1)); }
            .scale span.bar.error { background: linear-gradient(to right, rgba(234, 88, 12, 0.12), rgba(234, 88, 12, 1)); }
            .bar-cell { display: inline-block; height: 8px; background: #93c5fd; border-radius: 2px; vertical-align: middle; margin-right: 6px; }
            .chart { flex: 1 1 520px; min-width: 0; max-width: 640px; }
            svg.sweep-chart { width: 100%; height: auto; display: block; margin: 8px 0 16px; }
            table.sweep th, table.sweep td { padding: 2px 8px; }
            table.label-changes td.better { color: #047857; font-weight: 600; }
            table.label-changes td.worse { color: #b91c1c; font-weight: 600; }
            table.verdict td { text-align: left; }
            footer { color: var(--muted); font-size: 12px; text-align: center; }
            """;

    private HtmlReport() {
    }

    /** The page, dated now. */
    public static String render(EvaluationReport report) {
        return render(report, Instant.now());
    }

    /** The page, saying it was generated at {@code generatedAt} (to the minute, in UTC). */
    public static String render(EvaluationReport report, Instant generatedAt) {
        return page(report, "", generatedAt);
    }

    /** A migration check's page, dated now: what the switch changes first, then both results side by side, the sweep, each. */
    public static String render(MigrationReport report) {
        return page(report.evaluationReport(), MigrationSections.html(report), Instant.now());
    }

    /** Writes {@link #render(MigrationReport)} to a file (UTF-8), creating its directory. */
    public static void write(MigrationReport report, Path file) {
        write(render(report), file);
    }

    private static String page(EvaluationReport report, String firstSections, Instant generatedAt) {
        StringBuilder html = new StringBuilder(32_768);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(report.title())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<header>\n<h1>").append(esc(report.title())).append("</h1>\n<p class=\"meta\">")
                .append(report.results().get(0).n()).append(" labelled articles · ").append(report.results().size())
                .append(report.results().size() == 1 ? " classifier" : " classifiers").append(" · generated ")
                .append(GENERATED.format(generatedAt)).append("</p>\n</header>\n");
        html.append(firstSections);
        report.comparison().ifPresent(c -> comparison(html, c));
        report.sweep().ifPresent(s -> sweep(html, s));
        report.results().forEach(r -> result(html, r));
        html.append("<footer>classifier-eval · ").append(esc(JsonReport.FORMAT)).append("</footer>\n");
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /** Writes the page, dated now, as UTF-8. */
    public static void write(EvaluationReport report, Path file) {
        write(report, file, Instant.now());
    }

    /** Writes the page, dated {@code generatedAt}, as UTF-8. */
    public static void write(EvaluationReport report, Path file, Instant generatedAt) {
        write(render(report, generatedAt), file);
    }

    private static void write(String page, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the HTML report to " + file, e);
        }
    }

    private static void comparison(StringBuilder html, Comparison comparison) {
        List<EvaluationResult> results = comparison.results();
        html.append("<section class=\"comparison\">\n<h2>Side by side</h2>\n")
                .append("<p class=\"note\">The same ").append(results.get(0).n())
                .append(" articles; the best value of each column is in green.</p>\n<div class=\"wrap\">\n")
                .append("<table class=\"comparison\">\n<thead><tr><th scope=\"col\">classifier</th><th scope=\"col\" class=\"models\">models</th>")
                .append("<th scope=\"col\">accuracy</th><th scope=\"col\">macro-F1</th><th scope=\"col\">ECE</th>")
                .append("<th scope=\"col\">failed</th><th scope=\"col\">cost / 1,000</th><th scope=\"col\">time / article</th>")
                .append("<th scope=\"col\">p50</th>")
                .append("<th scope=\"col\">p95</th></tr></thead>\n<tbody>\n");
        double bestAccuracy = best(results, EvaluationResult::accuracy, true);
        double bestF1 = best(results, EvaluationResult::macroF1, true);
        double bestEce = best(results, r -> r.calibration().ece(), false);
        double bestCost = best(results, r -> r.usage().costPer1000Usd(), false);
        for (EvaluationResult r : results) {
            html.append("<tr><th scope=\"row\">").append(esc(r.name())).append("</th>")
                    .append("<td class=\"models\">").append(esc(String.join(", ", r.models()))).append("</td>");
            cell(html, Fmt.percent(r.accuracy()), r.accuracy() == bestAccuracy);
            cell(html, Fmt.decimal(r.macroF1()), r.macroF1() == bestF1);
            cell(html, Fmt.decimal(r.calibration().ece()), r.calibration().ece() == bestEce);
            cell(html, Integer.toString(r.failed()), false);
            cell(html, Fmt.usd(r.usage().costPer1000Usd()), r.usage().costPer1000Usd() == bestCost);
            cell(html, Fmt.millis(r.latency().meanMillis()), false);
            cell(html, Fmt.millis(r.latency().p50Millis()), false);
            cell(html, Fmt.millis(r.latency().p95Millis()), false);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n<h3>F1 by label</h3>\n<div class=\"wrap\">\n<table class=\"f1-by-label\">\n<thead><tr><th scope=\"col\">label</th>");
        results.forEach(r -> html.append("<th scope=\"col\">").append(esc(r.name())).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (String label : comparison.labels()) {
            html.append("<tr><th scope=\"row\">").append(esc(label)).append("</th>");
            double bestLabelF1 = results.stream().mapToDouble(r -> comparison.metrics(r, label).map(LabelMetrics::f1).orElse(Double.NaN))
                    .filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
            for (EvaluationResult r : results) {
                double f1 = comparison.metrics(r, label).map(LabelMetrics::f1).orElse(Double.NaN);
                cell(html, Fmt.decimal(f1), f1 == bestLabelF1 && f1 > 0);
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n</section>\n");
    }

    private static void sweep(StringBuilder html, SweepResult sweep) {
        html.append("<section class=\"sweep\">\n<h2>Cascade threshold sweep</h2>\n<p class=\"note\"><strong>")
                .append(esc(sweep.first().name())).append("</strong> answers when its confidence reaches the threshold, else <strong>")
                .append(esc(sweep.fallback().name())).append("</strong> does. ")
                .append(esc(sweep.first().name())).append(" alone: ").append(Fmt.percent(sweep.first().accuracy()))
                .append(", ").append(esc(Fmt.usd(sweep.first().costPer1000Usd()))).append(" per 1,000; ")
                .append(esc(sweep.fallback().name())).append(" alone: ").append(Fmt.percent(sweep.fallback().accuracy()))
                .append(", ").append(esc(Fmt.usd(sweep.fallback().costPer1000Usd()))).append(" per 1,000. ")
                .append("Computed from one prediction per classifier per article.</p>\n");
        html.append("<div class=\"row\">\n<div class=\"chart\">\n").append(new SweepChart(sweep).render()).append("</div>\n");
        html.append("<div class=\"wrap\">\n<table class=\"sweep\">\n<thead><tr><th scope=\"col\">threshold</th><th scope=\"col\">accuracy</th>")
                .append("<th scope=\"col\">macro-F1</th><th scope=\"col\">answered by first</th><th scope=\"col\">to fallback</th>")
                .append("<th scope=\"col\">cost / 1,000</th></tr></thead>\n<tbody>\n");
        SweepPoint mostAccurate = sweep.mostAccurate();
        for (SweepPoint p : sweep.points()) {
            html.append("<tr><th scope=\"row\">").append(Fmt.threshold(p.threshold())).append("</th>");
            cell(html, Fmt.percent(p.accuracy()), p == mostAccurate);
            cell(html, Fmt.decimal(p.macroF1()), false);
            html.append(String.format(Locale.ROOT, "<td><span class=\"bar-cell\" style=\"width:%.0fpx\"></span>%s</td>",
                    p.firstShare() * 60, esc(Fmt.percent(p.firstShare()))));
            cell(html, Integer.toString(p.passedToFallback()), false);
            cell(html, Fmt.usd(p.costPer1000Usd()), false);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n</div>\n</section>\n");
    }

    private static void result(StringBuilder html, EvaluationResult r) {
        html.append("<section class=\"result\">\n<h2>").append(esc(r.name())).append("</h2>\n<p class=\"models\">")
                .append(r.models().isEmpty() ? "no model answered" : "models: " + esc(String.join(", ", r.models())))
                .append("</p>\n");
        summary(html, r);
        html.append("<div class=\"row\">\n<div>\n<h3>Per label</h3>\n");
        perLabel(html, r);
        html.append("</div>\n<div>\n<h3>Calibration</h3>\n");
        calibration(html, r.calibration());
        html.append("</div>\n</div>\n<h3>Confusion matrix</h3>\n");
        confusion(html, r.confusion());
        ArticleTables.misclassified(html, r, MAX_MISCLASSIFIED_SHOWN);
        if (!r.failures().isEmpty()) {
            html.append("<h3>Failures (").append(r.failed()).append(")</h3>\n");
            ArticleTables.failures(html, r.failures(), MAX_FAILURES_SHOWN);
        }
        html.append("</section>\n");
    }

    private static void summary(StringBuilder html, EvaluationResult r) {
        html.append("<dl class=\"summary\">\n");
        term(html, "accuracy", Fmt.percent(r.accuracy()), r.answered() + " of " + r.n() + " answered");
        term(html, "macro-F1", Fmt.decimal(r.macroF1()), "");
        term(html, "calibration error", Fmt.decimal(r.calibration().ece()),
                r.calibration().nanConfidences() > 0 ? r.calibration().nanConfidences() + " without confidence" : "ECE, 10 bins");
        term(html, "cost / 1,000", Fmt.usd(r.usage().costPer1000Usd()), Fmt.usd(r.usage().total().costUsd()) + " in all");
        term(html, "tokens / 1,000", Fmt.tokens(r.usage().tokensPer1000()), Fmt.tokenBreakdown(r.usage()));
        LatencySummary latency = r.latency();
        if (latency.percentilesKnown()) {
            term(html, "latency p50", Fmt.millis(latency.p50Millis()), Fmt.basis(latency.basis()));
            term(html, "latency p95", Fmt.millis(latency.p95Millis()), "wall " + Fmt.millis(latency.wallMillis()));
        } else {
            term(html, "time per article", Fmt.millis(latency.meanMillis()), Fmt.basis(latency.basis()) + "; wall "
                    + Fmt.millis(latency.wallMillis()));
        }
        term(html, "failed", Integer.toString(r.failed()), "");
        for (Map.Entry<Prediction.Flag, Integer> flag : r.flags().entrySet()) {
            term(html, "flag " + flag.getKey().name().toLowerCase(Locale.ROOT), Integer.toString(flag.getValue()), "predictions");
        }
        html.append("</dl>\n");
    }

    private static void term(StringBuilder html, String term, String value, String note) {
        html.append("<div><dt>").append(esc(term)).append("</dt><dd>").append(esc(value));
        if (!note.isEmpty()) {
            html.append(" <small>").append(esc(note)).append("</small>");
        }
        html.append("</dd></div>\n");
    }

    private static void perLabel(StringBuilder html, EvaluationResult r) {
        html.append("<table class=\"labels\">\n<thead><tr><th scope=\"col\">label</th><th scope=\"col\">precision</th>")
                .append("<th scope=\"col\">recall</th><th scope=\"col\">F1</th><th scope=\"col\">support</th>")
                .append("<th scope=\"col\">predicted</th></tr></thead>\n<tbody>\n");
        for (LabelMetrics m : r.labels()) {
            html.append("<tr><th scope=\"row\">").append(esc(m.label())).append("</th>");
            cell(html, Fmt.decimal(m.precision()), false);
            cell(html, Fmt.decimal(m.recall()), false);
            cell(html, Fmt.decimal(m.f1()), false);
            cell(html, Integer.toString(m.support()), false);
            cell(html, Integer.toString(m.predicted()), false);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void calibration(StringBuilder html, Calibration calibration) {
        html.append("<table class=\"calibration\">\n<thead><tr><th scope=\"col\">confidence</th><th scope=\"col\">count</th>")
                .append("<th scope=\"col\">accuracy</th><th scope=\"col\">mean confidence</th></tr></thead>\n<tbody>\n");
        for (Calibration.Bin bin : calibration.bins()) {
            html.append("<tr><th scope=\"row\">").append(Fmt.threshold(bin.lower())).append("–").append(Fmt.threshold(bin.upper()))
                    .append("</th>");
            cell(html, Integer.toString(bin.count()), false);
            cell(html, Fmt.percent(bin.accuracy()), false);
            cell(html, Fmt.decimal(bin.meanConfidence()), false);
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void confusion(StringBuilder html, ConfusionMatrix matrix) {
        boolean failures = matrix.totalFailed() > 0;
        html.append("<div class=\"wrap\">\n<table class=\"confusion\">\n<thead><tr><th class=\"corner\" scope=\"col\">gold ↓ · predicted →</th>");
        matrix.labels().forEach(label -> html.append("<th scope=\"col\">").append(esc(label)).append("</th>"));
        if (failures) {
            html.append("<th scope=\"col\" class=\"failed\">failed</th>");
        }
        html.append("<th scope=\"col\">total</th></tr></thead>\n<tbody>\n");
        for (int g = 0; g < matrix.size(); g++) {
            String gold = matrix.labels().get(g);
            html.append("<tr><th scope=\"row\">").append(esc(gold)).append("</th>");
            for (int p = 0; p < matrix.size(); p++) {
                heatCell(html, g == p ? "cell diag" : "cell error", matrix.count(g, p), matrix.rowShare(g, p),
                        g == p ? CORRECT_RGB : ERROR_RGB, "gold " + gold + ", predicted " + matrix.labels().get(p));
            }
            if (failures) {
                heatCell(html, "cell failed", matrix.failed(g), matrix.failedShare(g), "220, 38, 38", "gold " + gold + ", failed");
            }
            html.append("<td class=\"total\">").append(matrix.rowTotal(g)).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n<div class=\"scale\">0% <span class=\"bar\"></span> 100% of the gold row:")
                .append(" correct · 0% <span class=\"bar error\"></span> 100%: misclassified</div>\n");
    }

    /** A cell coloured by its share of the row: the stronger the colour, the more of the row lands there. */
    private static void heatCell(StringBuilder html, String classes, int count, double share, String rgb, String title) {
        double alpha = count == 0 ? 0.0 : 0.12 + 0.88 * share;
        String style = count == 0 ? "" : String.format(Locale.ROOT, " style=\"background-color: rgba(%s, %.3f);%s\"",
                rgb, alpha, alpha > 0.55 ? " color: #ffffff;" : "");
        html.append("<td class=\"").append(classes).append('"').append(style).append(" title=\"")
                .append(esc(title + ": " + count + " (" + Fmt.percent(share) + " of the row)")).append("\">")
                .append(count).append("</td>");
    }

    private static void cell(StringBuilder html, String text, boolean best) {
        html.append(best ? "<td class=\"best\">" : "<td>").append(esc(text)).append("</td>");
    }

    /** The best non-NaN value of a column (NaN when none), to mark it. */
    private static double best(List<EvaluationResult> results, ToDoubleFunction<EvaluationResult> value, boolean highest) {
        List<Double> values = new ArrayList<>();
        results.forEach(r -> values.add(value.applyAsDouble(r)));
        return values.stream().filter(v -> !Double.isNaN(v))
                .reduce((a, b) -> highest ? Math.max(a, b) : Math.min(a, b)).orElse(Double.NaN);
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}
