package dev.classifier.cli;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.loop.AuditConsoleReport;
import dev.classifier.loop.AuditHtmlReport;
import dev.classifier.loop.AuditReport;
import dev.classifier.loop.FeedbackAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The learning loop's {@link FeedbackAudit}: feedback the rest of the data contradicts, corrections superseded. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Find feedback that the rest of the data contradicts, and older feedback that newer corrections supersede.",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier audit --store feedback.jsonl --html audit.html",
                "  classifier audit --store feedback.jsonl --fail-on-findings   # exit code 3 when anything is found"})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    ClassifierCli root;

    @Option(names = "--store", paramLabel = "FILE", required = true, description = "The feedback store (JSONL).")
    Path store;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "The taxonomy; default: the store's labels.")
    Path taxonomy;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--fail-on-findings", description = "Exit with 3 when the audit finds anything.")
    boolean failOnFindings;

    @Override
    public Integer call() {
        AuditReport report;
        try (FeedbackStore feedback = Inputs.store(store)) {
            Taxonomy labels = taxonomy != null ? Inputs.taxonomy(taxonomy) : Inputs.taxonomyOf(feedback, store.toString());
            report = FeedbackAudit.builder(labels).build().run(feedback);
        }
        root.io().out().print(AuditConsoleReport.render(report));
        if (html != null) {
            AuditHtmlReport.write(report, html);
        }
        return failOnFindings && !report.findings().isEmpty() ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    }
}
