package dev.classifier.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The audit as one self-contained HTML page: no script, no URL. Every text (article text, labels, reasons, ids) is
 * escaped: it is data, never markup.
 */
public final class AuditHtmlReport {

    /** The most findings of each kind shown; the rest are counted. */
    static final int MAX_SHOWN = 500;

    private static final String CSS = "body{font-family:sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;"
            + "color:#111827}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d1d5db;"
            + "padding:.25rem .5rem;text-align:left;vertical-align:top}td.num{text-align:right}"
            + "th{background:#f3f4f6}.text{max-width:32rem}";

    private AuditHtmlReport() {
    }

    /**
     * Renders the report as a page.
     *
     * @param report the audit report
     * @return the HTML page
     */
    public static String render(AuditReport report) {
        Objects.requireNonNull(report, "report");
        List<AuditFinding> wrong = report.of(AuditFinding.Kind.LIKELY_WRONG);
        List<AuditFinding> superseded = report.of(AuditFinding.Kind.SUPERSEDED);
        StringBuilder html = new StringBuilder();
        html.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Feedback audit</title>")
                .append("<style>").append(CSS).append("</style></head><body>\n<h1>Feedback audit</h1>\n");
        html.append(String.format(Locale.ROOT, "<p>%,d feedback, %,d live (the latest of each article): "
                        + "<strong>%,d likely wrong</strong>, %,d superseded by newer feedback, %,d newer corrections"
                        + " kept as rule changes.</p>%n", report.feedbackCount(), report.live().size(), wrong.size(),
                superseded.size(), report.newerRules().size()));
        html.append("<p>Leaving flagged items out of the next training is your choice.</p>\n");
        section(html, "Likely wrong", "The rest of the data contradicts the label. Score: how likely the label is"
                + " wrong, one minus its out-of-fold probability.", "likely", wrong);
        section(html, "Superseded", "Newer feedback says otherwise: the same article labelled again, or a newer"
                + " correction of a similar article (a rule change). Not errors.", "newer label", superseded);
        if (!report.newerRules().isEmpty()) {
            html.append("<h2>Kept as rule changes</h2>\n<p>Corrections that older data contradicts, newer than it: ")
                    .append(ReportText.html(String.join(", ", report.newerRules()))).append("</p>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /**
     * Writes the page: to a temporary file beside it, then moved into place.
     *
     * @param report the audit report
     * @param file   where to write
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(AuditReport report, Path file) {
        String page = render(report);
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path temporary = Files.createTempFile(parent, ".audit", ".html");
            Files.writeString(temporary, page, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit report to " + file, e);
        }
    }

    private static void section(StringBuilder html, String title, String note, String labelHeading,
                                List<AuditFinding> findings) {
        if (findings.isEmpty()) {
            return;
        }
        html.append("<h2>").append(title).append(" (").append(findings.size()).append(")</h2>\n<p>").append(note)
                .append("</p>\n<table><thead><tr><th>score</th><th>feedback</th><th>given</th><th>")
                .append(labelHeading).append("</th><th>article</th><th>why</th></tr></thead><tbody>\n");
        for (AuditFinding f : findings.subList(0, Math.min(MAX_SHOWN, findings.size()))) {
            html.append(String.format(Locale.ROOT, "<tr><td class=\"num\">%.2f</td>", f.score()))
                    .append("<td>").append(ReportText.html(f.feedbackId())).append("</td>")
                    .append("<td>").append(ReportText.html(f.feedback().label())).append("</td>")
                    .append("<td>").append(ReportText.html(f.likelyLabel().orElse(""))).append("</td>")
                    .append("<td class=\"text\">").append(ReportText.html(f.feedback().article().text()))
                    .append("</td><td>").append(ReportText.html(f.reason())).append("</td></tr>\n");
        }
        html.append("</tbody></table>\n");
        if (findings.size() > MAX_SHOWN) {
            html.append(String.format(Locale.ROOT, "<p>... and %,d more.</p>%n", findings.size() - MAX_SHOWN));
        }
    }
}
