package dev.classifier.loop;

import java.util.List;
import java.util.Locale;

/** The audit as plain text for a terminal: counts, then each finding on its own lines. */
public final class AuditConsoleReport {

    /** The most findings of each kind listed; the rest are counted. */
    static final int MAX_LISTED = 50;
    private static final int TEXT_WIDTH = 70;

    private AuditConsoleReport() {
    }

    /**
     * Renders the report. Article text and reasons are cut to one line, with control characters removed.
     *
     * @param report the audit report
     * @return the text, ending in a line break
     */
    public static String render(AuditReport report) {
        List<AuditFinding> wrong = report.of(AuditFinding.Kind.LIKELY_WRONG);
        List<AuditFinding> superseded = report.of(AuditFinding.Kind.SUPERSEDED);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Feedback audit: %,d feedback, %,d live (the latest of each article);"
                        + " %,d likely wrong, %,d superseded; %,d newer corrections kept as rule changes.%n",
                report.feedbackCount(), report.live().size(), wrong.size(), superseded.size(),
                report.newerRules().size()));
        if (!wrong.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nLikely wrong: the rest of the data contradicts the label"
                    + " (score = how likely the label is wrong: one minus its out-of-fold probability):%n"));
            list(out, wrong);
        }
        if (!superseded.isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nSuperseded: newer feedback says otherwise (not errors):%n"));
            list(out, superseded);
        }
        if (!report.newerRules().isEmpty()) {
            out.append(String.format(Locale.ROOT, "%nKept as rule changes: %s%n",
                    ReportText.line(String.join(", ", report.newerRules()), 400)));
        }
        out.append(String.format(Locale.ROOT, "%nLeaving flagged items out of the next training is your choice:"
                + " AuditReport.rowsWithout(kinds) gives the rows without them.%n"));
        return out.toString();
    }

    private static void list(StringBuilder out, List<AuditFinding> findings) {
        for (AuditFinding f : findings.subList(0, Math.min(MAX_LISTED, findings.size()))) {
            out.append(String.format(Locale.ROOT, "  %.2f  %s  %s -> %s  %s%n", f.score(),
                    ReportText.line(f.feedbackId(), 40), ReportText.line(f.feedback().label(), 30),
                    ReportText.line(f.likelyLabel().orElse("?"), 30),
                    ReportText.line(f.feedback().article().text(), TEXT_WIDTH)));
            out.append("        ").append(ReportText.line(f.reason(), 200)).append(System.lineSeparator());
        }
        if (findings.size() > MAX_LISTED) {
            out.append(String.format(Locale.ROOT, "  ... and %,d more%n", findings.size() - MAX_LISTED));
        }
    }
}
