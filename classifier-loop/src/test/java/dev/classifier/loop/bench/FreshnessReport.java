package dev.classifier.loop.bench;

import java.util.List;
import java.util.Locale;

/** The text and HTML of part {@code freshness}: one row per (store, size). */
final class FreshnessReport {

    private FreshnessReport() {
    }

    static void write(List<FreshnessBench.Run> runs) {
        String intro = "Freshness of CorrectingClassifier over the local model: after store.add(correction) returns, "
                + "the next classify() of the corrected article (and then of a near-duplicate) is timed; "
                + FreshnessBench.CORRECTIONS + " corrections per row; ms, median / p95 / max. Steady = the same "
                + "classify with no new change; store read = the store's own lastSequence() + changes(seq) for one "
                + "change; build = reading the whole feed once. Target: next classify changed within 50 ms at 100,000.";
        String header = "| store | items | build ms | next classify (corrected) | near-duplicate | steady classify "
                + "| store read | add (durable) | changed | near-dup changed |";
        StringBuilder text = new StringBuilder(intro).append('\n').append(header).append('\n')
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder html = new StringBuilder("<section><h2>Freshness</h2>\n<p>").append(BenchOutput.escape(intro))
                .append("</p>\n<table><tr>");
        for (String cell : header.substring(2, header.length() - 2).split(" \\| ")) {
            html.append("<th>").append(BenchOutput.escape(cell)).append("</th>");
        }
        html.append("</tr>\n");
        for (FreshnessBench.Run run : runs) {
            String[] cells = {run.store(), String.format(Locale.ROOT, "%,d", run.size()),
                    String.format(Locale.ROOT, "%.0f", run.buildMs()), stats(run.nextClassifyMs()),
                    stats(run.nearDuplicateMs()), stats(run.steadyClassifyMs()), stats(run.storeReadMs()),
                    stats(run.addMs()), run.changed() + "/" + FreshnessBench.CORRECTIONS,
                    run.nearChanged() + "/" + FreshnessBench.CORRECTIONS};
            text.append("| ").append(String.join(" | ", cells)).append(" |\n");
            html.append("<tr>");
            for (String cell : cells) {
                html.append("<td>").append(BenchOutput.escape(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></section>\n");
        System.out.print(text);
        BenchOutput.write("freshness", text.toString(), html.toString());
    }

    private static String stats(double[] ms) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", FreshnessBench.median(ms),
                FreshnessBench.percentile95(ms), FreshnessBench.max(ms));
    }
}
