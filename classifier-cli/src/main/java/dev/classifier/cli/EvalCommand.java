package dev.classifier.cli;

import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.eval.ConsoleReport;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationReport;
import dev.classifier.eval.EvaluationResult;
import dev.classifier.eval.HtmlReport;
import dev.classifier.eval.JsonReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A classifier against labelled rows: classifier-eval's console report, and its JSON and HTML reports. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a classifier on labelled rows (JSONL or CSV): accuracy, F1 by label, confusion,"
                + " calibration, cost and latency.",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier eval -m model.bin --data test.jsonl --html report.html --json report.json",
                "  classifier eval -m model.bin --data test.csv --min-accuracy 0.85   # exit code 3 below 85%%"})
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    ClassifierCli root;

    @Mixin
    ClassifierOptions classifierOptions;

    @Option(names = "--data", paramLabel = "FILE", required = true, description = "Labelled rows: JSONL or .csv (id, title, body, label).")
    Path data;

    @Option(names = "--html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path html;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the JSON report here (with each article).")
    Path json;

    @Option(names = "--title", defaultValue = "Evaluation", description = "The report's title (default: ${DEFAULT-VALUE}).")
    String title;

    @Option(names = "--min-accuracy", paramLabel = "RATIO", description = "Exit with 3 when accuracy is below this (0..1).")
    Double minAccuracy;

    @Override
    public Integer call() {
        Io io = root.io();
        EvaluationResult result;
        try (Classifier classifier = classifierOptions.build(io)) {
            Taxonomy taxonomy = classifier.taxonomy();
            List<LabeledArticle> rows = Inputs.rows(Inputs.labelled(data, taxonomy));
            Progress progress = new Progress(io, "eval");
            try {
                result = Evaluation.builder().name(classifierOptions.strategy.name()).classifier(classifier)
                        .listener(progress).build().run(rows);
            } finally {
                progress.finish();
            }
        }
        EvaluationReport report = EvaluationReport.of(title, result);
        io.out().print(ConsoleReport.render(report));
        if (html != null) {
            HtmlReport.write(report, html);
        }
        if (json != null) {
            JsonReport.withArticles().write(report, json);
        }
        if (minAccuracy != null && result.accuracy() < minAccuracy) {
            io.err().printf(Locale.ROOT, "classifier: accuracy %.4f is below --min-accuracy %.4f%n", result.accuracy(), minAccuracy);
            return ExitCodes.CHECK_FAILED;
        }
        return result.failed() > 0 ? ExitCodes.CLASSIFICATION_FAILED : ExitCodes.OK;
    }
}
