package dev.classifier.cli;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.loop.AuditConsoleReport;
import dev.classifier.loop.AuditHtmlReport;
import dev.classifier.loop.AuditReport;
import dev.classifier.loop.FeedbackAudit;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

/** The learning loop's {@link FeedbackAudit}: feedback the rest of the data contradicts, corrections superseded. */
final class AuditCommand implements Subcommand {

    private static final String STORE = "--store";
    private static final String TAXONOMY = "--taxonomy";
    private static final String HTML = "--html";
    private static final String FAIL_ON_FINDINGS = "--fail-on-findings";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "audit",
                "Find feedback that the rest of the data contradicts, and older feedback that newer corrections supersede.",
                "  classifier audit --store feedback.jsonl --html audit.html",
                "  classifier audit --store feedback.jsonl --fail-on-findings   # exit code 3 when anything is found");
        spec.addOption(Specs.file("The feedback store (JSONL).", STORE).required(true).build());
        spec.addOption(Specs.file("The taxonomy; default: the store's labels.", TAXONOMY).build());
        spec.addOption(Specs.file("Write the HTML report here.", HTML).build());
        spec.addOption(Specs.flag("Exit with 3 when the audit finds anything.", FAIL_ON_FINDINGS));
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) {
        Path store = options.path(STORE);
        Path taxonomy = options.path(TAXONOMY);
        Path html = options.path(HTML);
        AuditReport report;
        try (FeedbackStore feedback = Inputs.store(store)) {
            Taxonomy labels = taxonomy != null ? Inputs.taxonomy(taxonomy) : Inputs.taxonomyOf(feedback, store.toString());
            report = FeedbackAudit.builder(labels).build().run(feedback);
        }
        io.out().print(AuditConsoleReport.render(report));
        if (html != null) {
            AuditHtmlReport.write(report, html);
        }
        return options.flag(FAIL_ON_FINDINGS) && !report.findings().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
