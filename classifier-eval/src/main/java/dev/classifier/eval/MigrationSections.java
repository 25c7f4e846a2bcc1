package dev.classifier.eval;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parts of a {@link MigrationReport} that an evaluation report has not: the verdict lines, F1 per label before
 * and after, and the articles whose label changed; as aligned text and as HTML.
 */
final class MigrationSections {

    /** At most this many changed articles are listed; the rest are counted. */
    static final int MAX_CHANGED_SHOWN = 30;
    static final String FAILED = "(failed)";

    private MigrationSections() {
    }

    /** The verdict as rows of (measure, before -> after, change). */
    static List<List<String>> verdict(MigrationReport r) {
        EvaluationResult a = r.current();
        EvaluationResult b = r.candidate();
        return List.of(
                List.of("accuracy", Fmt.percent(a.accuracy()) + " -> " + Fmt.percent(b.accuracy()),
                        signed(r.accuracyChange() * 100, "%.1f points")),
                List.of("macro-F1", Fmt.decimal(a.macroF1()) + " -> " + Fmt.decimal(b.macroF1()),
                        signed(r.macroF1Change(), "%.3f")),
                List.of("cost / 1,000", cost(a) + " -> " + cost(b), costChange(r)),
                List.of("latency p50", Fmt.millis(a.latency().p50Millis()) + " -> "
                        + Fmt.millis(b.latency().p50Millis()), signed(r.p50LatencyChangeMillis(), "%.0f ms")),
                List.of("latency p95", Fmt.millis(a.latency().p95Millis()) + " -> "
                        + Fmt.millis(b.latency().p95Millis()), "(" + Fmt.basis(b.latency().basis()) + ")"),
                List.of("failed", a.failed() + " -> " + b.failed(), ""),
                List.of("labels", r.better().size() + " better, " + r.worse().size() + " worse, "
                        + (r.labels().size() - r.better().size() - r.worse().size()) + " the same", names(r)),
                List.of("articles", r.changed().size() + " of " + a.n() + " changed label",
                        r.count(ChangedArticle.Kind.FIXED) + " fixed, " + r.count(ChangedArticle.Kind.BROKEN)
                                + " broken, " + r.count(ChangedArticle.Kind.STILL_WRONG) + " still wrong"));
    }

    static String text(MigrationReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(r.title()).append('\n');
        TextTable verdict = new TextTable(List.of("measure", r.current().name() + " -> " + r.candidate().name(),
                "change"), List.of(TextTable.Align.LEFT, TextTable.Align.LEFT, TextTable.Align.LEFT));
        verdict(r).forEach(verdict::row);
        section(out, "What the switch changes (" + r.current().n() + " held-out articles)", verdict.render());
        TextTable labels = TextTable.labelThenNumbers(List.of("label", "F1 " + r.current().name(),
                "F1 " + r.candidate().name(), "change", "support"));
        for (LabelChange l : r.labels()) {
            labels.row(List.of(l.label(), Fmt.decimal(l.f1Before()), Fmt.decimal(l.f1After()),
                    change(l), Integer.toString(l.support())));
        }
        section(out, "F1 by label", labels.render());
        if (!r.changed().isEmpty()) {
            TextTable changed = new TextTable(List.of("article", "gold", r.current().name(), r.candidate().name(),
                    "verdict"), List.of(TextTable.Align.LEFT, TextTable.Align.LEFT, TextTable.Align.LEFT,
                    TextTable.Align.LEFT, TextTable.Align.LEFT));
            r.changed().stream().limit(MAX_CHANGED_SHOWN).forEach(c -> changed.row(List.of(c.articleId(), c.gold(),
                    label(c.before()), label(c.after()), kind(c.kind()))));
            section(out, "Articles whose label changed (" + r.changed().size() + ")", changed.render()
                    + more(r.changed().size()));
        }
        section(out, "Cascade threshold sweep: " + r.sweep().first().name() + " first, else "
                + r.sweep().fallback().name(), ConsoleReport.sweep(r.sweep()));
        return out.toString();
    }

    static String html(MigrationReport r) {
        StringBuilder html = new StringBuilder();
        html.append("<section class=\"migration\">\n<h2>What the switch changes</h2>\n<p class=\"note\">")
                .append(esc(r.current().name())).append(" &rarr; ").append(esc(r.candidate().name()))
                .append(" on the same ").append(r.current().n()).append(" held-out articles.</p>\n")
                .append("<table class=\"verdict\">\n<tbody>\n");
        for (List<String> row : verdict(r)) {
            html.append("<tr><th scope=\"row\">").append(esc(row.get(0))).append("</th><td>").append(esc(row.get(1)))
                    .append("</td><td>").append(esc(row.get(2))).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<h3>F1 by label</h3>\n<div class=\"wrap\">\n<table class=\"label-changes\">\n")
                .append("<thead><tr><th scope=\"col\">label</th><th scope=\"col\">").append(esc(r.current().name()))
                .append("</th><th scope=\"col\">").append(esc(r.candidate().name()))
                .append("</th><th scope=\"col\">change</th><th scope=\"col\">support</th></tr></thead>\n<tbody>\n");
        for (LabelChange l : r.labels()) {
            html.append("<tr><th scope=\"row\">").append(esc(l.label())).append("</th><td>")
                    .append(Fmt.decimal(l.f1Before())).append("</td><td>").append(Fmt.decimal(l.f1After()))
                    .append("</td><td class=\"").append(l.direction().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(esc(change(l))).append("</td><td>").append(l.support())
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</div>\n");
        if (!r.changed().isEmpty()) {
            html.append("<h3>Articles whose label changed (").append(r.changed().size()).append(")</h3>\n")
                    .append("<div class=\"wrap\">\n<table class=\"changed\">\n<thead><tr><th scope=\"col\">article")
                    .append("</th><th scope=\"col\">gold</th><th scope=\"col\">").append(esc(r.current().name()))
                    .append("</th><th scope=\"col\">").append(esc(r.candidate().name()))
                    .append("</th><th scope=\"col\">verdict</th></tr></thead>\n<tbody>\n");
            r.changed().stream().limit(MAX_CHANGED_SHOWN).forEach(c -> html.append("<tr><th scope=\"row\">")
                    .append(esc(c.articleId())).append("</th><td>").append(esc(c.gold())).append("</td><td>")
                    .append(esc(label(c.before()))).append("</td><td>").append(esc(label(c.after())))
                    .append("</td><td>").append(kind(c.kind())).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n</div>\n").append(esc(more(r.changed().size())));
        }
        return html.append("</section>\n").toString();
    }

    private static void section(StringBuilder out, String heading, String body) {
        out.append('\n').append(heading).append('\n').append(body);
    }

    private static String cost(EvaluationResult r) {
        String usd = Fmt.usd(r.usage().costPer1000Usd());
        return r.usage().total().costKnown() ? usd : "at least " + usd + " (some prices unknown)";
    }

    private static String costChange(MigrationReport r) {
        if (!r.costsKnown()) {
            return "not comparable: a cost is unknown";
        }
        double before = r.current().usage().costPer1000Usd();
        String percent = before > 0 ? String.format(Locale.ROOT, " (%+.0f%%)", r.costPer1000ChangeUsd() / before * 100)
                : "";
        return (r.costPer1000ChangeUsd() < 0 ? "-" : "+") + Fmt.usd(Math.abs(r.costPer1000ChangeUsd())) + percent;
    }

    private static String names(MigrationReport r) {
        String better = r.better().stream().map(LabelChange::label).reduce((x, y) -> x + ", " + y)
                .map(s -> "better: " + s).orElse("");
        String worse = r.worse().stream().map(LabelChange::label).reduce((x, y) -> x + ", " + y)
                .map(s -> "worse: " + s).orElse("");
        return better.isEmpty() || worse.isEmpty() ? better + worse : better + "; " + worse;
    }

    private static String change(LabelChange l) {
        return l.direction() == LabelChange.Direction.SAME ? "same" : signed(l.delta(), "%.3f");
    }

    private static String signed(double value, String format) {
        return Double.isNaN(value) ? Fmt.NONE : String.format(Locale.ROOT, "%+" + format.substring(1), value);
    }

    private static String label(Optional<String> label) {
        return label.orElse(FAILED);
    }

    private static String kind(ChangedArticle.Kind kind) {
        return switch (kind) {
            case FIXED -> "fixed";
            case BROKEN -> "broken";
            case STILL_WRONG -> "still wrong";
        };
    }

    private static String more(int changed) {
        return changed > MAX_CHANGED_SHOWN ? "... and " + (changed - MAX_CHANGED_SHOWN) + " more\n" : "";
    }

    private static String esc(String text) {
        return Html.escape(text);
    }
}
