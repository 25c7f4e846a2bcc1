package dev.classifier.loop.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text and HTML of part {@code new-category}: a row per held-out class, a mean per (set, model), a chart. */
final class NewCategoryReport {

    private NewCategoryReport() {
    }

    static void write(List<NewCategoryBench.Row> rows) {
        int[] ns = NewCategoryBench.NS;
        String intro = "A category added mid-stream through CorrectingClassifier: the model is trained without one "
                + "class and cannot give its label; the reviewer corrects that class's training articles one by one "
                + "to the new label. Cells: % of the class's test articles given the new label after n corrections "
                + "(mean over draws), then the accuracy change on the other test articles against the model alone, "
                + "pp, after " + ns[ns.length - 1] + ".";
        StringBuilder text = new StringBuilder(intro).append("\n| data | model | new category |");
        StringBuilder html = new StringBuilder("<section><h2>New category</h2>\n<p>")
                .append(BenchOutput.escape(intro)).append("</p>\n<table><tr><th>data</th><th>model</th>"
                        + "<th>new category</th>");
        for (int n : ns) {
            text.append(" n=").append(n).append(" |");
            html.append("<th>n=").append(n).append("</th>");
        }
        text.append(" Δ elsewhere, pp |\n|---|---|---|").append("---:|".repeat(ns.length + 1)).append('\n');
        html.append("<th>Δ elsewhere, pp</th></tr>\n");
        Map<String, List<NewCategoryBench.Row>> groups = new LinkedHashMap<>();
        for (NewCategoryBench.Row row : rows) {
            groups.computeIfAbsent(row.dataset() + ", " + row.model(), k -> new ArrayList<>()).add(row);
            StringBuilder cells = new StringBuilder();
            for (int i = 0; i < ns.length; i++) {
                cells.append(String.format(Locale.ROOT, " %.1f |", row.meanLanded(i)));
            }
            cells.append(String.format(Locale.ROOT, " %+.2f |", row.meanDelta(ns.length - 1)));
            text.append("| ").append(row.dataset()).append(" | ").append(row.model()).append(" | ")
                    .append(row.label()).append(" |").append(cells).append('\n');
            html.append("<tr><td>").append(row.dataset()).append("</td><td>").append(BenchOutput.escape(row.model()))
                    .append("</td><td>").append(BenchOutput.escape(row.label())).append("</td>")
                    .append(cells.toString().replace(" |", "</td>").replace(" ", "<td>")).append("</tr>\n");
        }
        html.append("</table>\n");
        LineChart chart = LineChart.titled("New category: share of its articles that land in it", "corrections",
                "% of the new category's test articles").logX();
        double[] xs = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            xs[i] = ns[i];
        }
        text.append('\n');
        for (Map.Entry<String, List<NewCategoryBench.Row>> group : groups.entrySet()) {
            double[] ys = new double[ns.length];
            double elsewhere = 0;
            for (NewCategoryBench.Row row : group.getValue()) {
                for (int i = 0; i < ns.length; i++) {
                    ys[i] += row.meanLanded(i) / group.getValue().size();
                }
                elsewhere += row.meanDelta(ns.length - 1) / group.getValue().size();
            }
            chart.series(group.getKey(), xs, ys);
            StringBuilder line = new StringBuilder("mean over ").append(group.getValue().size())
                    .append(" classes, ").append(group.getKey()).append(':');
            for (int i = 0; i < ns.length; i++) {
                line.append(String.format(Locale.ROOT, " n=%d %.1f%%", ns[i], ys[i]));
            }
            line.append(String.format(Locale.ROOT, "; elsewhere %+.2f pp%n", elsewhere));
            text.append(line);
            html.append("<p>").append(BenchOutput.escape(line.toString())).append("</p>\n");
        }
        html.append(chart.svg()).append("</section>\n");
        System.out.print(text);
        BenchOutput.write("new-category", text.toString(), html.toString());
    }
}
