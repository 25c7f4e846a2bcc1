package dev.classifier.loop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text and HTML of part {@code rule-change}: a row per (model, pair), then per model the mean and the worst. */
final class RuleChangeReport {

    private RuleChangeReport() {
    }

    static void write(List<RuleChangeBench.Row> rows, String part) {
        int[] ns = RuleChangeBench.NS;
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<section><h2>Rule change</h2>\n<p>")
                .append(BenchOutput.escape(intro())).append("</p>\n<table><tr><th>data</th><th>model</th>"
                        + "<th>keyword → label</th><th>eligible</th>");
        text.append(intro()).append('\n');
        text.append("| data | model | keyword → label | eligible |");
        for (int n : ns) {
            text.append(" n=").append(n).append(" |");
            html.append("<th>n=").append(n).append("</th>");
        }
        text.append(" Δ acc. elsewhere, pp: mean at n=").append(ns[ns.length - 1]).append(" (worst draw, any n) |\n");
        html.append("<th>Δ accuracy elsewhere, pp</th></tr>\n");
        text.append("|---|---|---|---:|").append("---:|".repeat(ns.length)).append("---:|\n");
        for (RuleChangeBench.Row row : rows) {
            text.append(String.format(Locale.ROOT, "| %s | %s | %s | %d |", row.dataset(), row.model(),
                    row.keyword(), row.eligible()));
            html.append("<tr><td>").append(row.dataset()).append("</td><td>").append(BenchOutput.escape(row.model()))
                    .append("</td><td>").append(BenchOutput.escape(row.keyword().toString())).append("</td><td>")
                    .append(row.eligible()).append("</td>");
            for (int i = 0; i < ns.length; i++) {
                String cell = String.format(Locale.ROOT, "%.1f (%.0f)", row.meanMoved(i), row.minMoved(i));
                text.append(' ').append(cell).append(" |");
                html.append("<td>").append(cell).append("</td>");
            }
            String delta = String.format(Locale.ROOT, "%+.2f (%+.2f)", row.meanDelta(ns.length - 1), row.worstDelta());
            text.append(' ').append(delta).append(" |\n");
            html.append("<td>").append(delta).append("</td></tr>\n");
        }
        html.append("</table>\n");
        text.append('\n');
        for (Map.Entry<String, List<RuleChangeBench.Row>> model : byModel(rows).entrySet()) {
            String summary = summary(model.getKey(), model.getValue());
            text.append(summary);
            html.append("<pre>").append(BenchOutput.escape(summary)).append("</pre>\n");
            LineChart chart = LineChart.titled("Rule change, " + model.getKey(), "corrections",
                    "held-out keyword articles with the new label, %").logX();
            double[] xs = new double[ns.length];
            for (int i = 0; i < ns.length; i++) {
                xs[i] = ns[i];
            }
            for (RuleChangeBench.Row row : model.getValue()) {
                double[] ys = new double[ns.length];
                for (int i = 0; i < ns.length; i++) {
                    ys[i] = row.meanMoved(i);
                }
                chart.series(row.keyword().toString(), xs, ys);
            }
            html.append(chart.svg());
        }
        html.append("</section>\n");
        System.out.print(text);
        BenchOutput.write(part, text.toString(), html.toString());
    }

    private static String intro() {
        return "Rule change through CorrectingClassifier over a model trained on the training split (store: the "
                + "training split as plain feedback, then the corrections). Cells: % of the held-out keyword "
                + "articles (train and test, not corrected, not already given the new label) that get the new label "
                + "after n corrections, mean over " + RuleChangeBench.DRAWS + " draws (worst draw). Δ: accuracy on "
                + "the test articles without the keyword, corrected against the model alone. Targets: >= 60% after "
                + "3, >= 90% after 10, |Δ| <= 0.3 pp, worst pair within 15 points of the mean.";
    }

    private static Map<String, List<RuleChangeBench.Row>> byModel(List<RuleChangeBench.Row> rows) {
        Map<String, List<RuleChangeBench.Row>> out = new LinkedHashMap<>();
        for (RuleChangeBench.Row row : rows) {
            String key = row.model().startsWith("embeddings") ? "embeddings" : row.model();
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        return out;
    }

    private static String summary(String model, List<RuleChangeBench.Row> rows) {
        StringBuilder s = new StringBuilder(model).append(" over the ").append(rows.size()).append(" pairs:");
        int[] ns = RuleChangeBench.NS;
        for (int i = 0; i < ns.length; i++) {
            double mean = 0;
            RuleChangeBench.Row worst = rows.get(0);
            for (RuleChangeBench.Row row : rows) {
                mean += row.meanMoved(i) / rows.size();
                if (row.meanMoved(i) < worst.meanMoved(i)) {
                    worst = row;
                }
            }
            s.append(String.format(Locale.ROOT, "%n  n=%d: mean %.1f%%, worst pair %s %.1f%% (%.1f below the mean)",
                    ns[i], mean, worst.keyword(), worst.meanMoved(i), mean - worst.meanMoved(i)));
        }
        double worstDelta = 0;
        for (RuleChangeBench.Row row : rows) {
            worstDelta = Math.abs(row.worstDelta()) > Math.abs(worstDelta) ? row.worstDelta() : worstDelta;
        }
        return s.append(String.format(Locale.ROOT, "%n  accuracy elsewhere: worst change of any draw %+.2f pp%n%n",
                worstDelta)).toString();
    }
}
