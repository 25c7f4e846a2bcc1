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
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A classifier against labelled rows: classifier-eval's console report, and its JSON and HTML reports. */
final class EvalCommand implements Subcommand {

    private static final String DATA = "--data";
    private static final String HTML = "--html";
    private static final String JSON = "--json";
    private static final String TITLE = "--title";
    private static final String MIN_ACCURACY = "--min-accuracy";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "eval",
                "Evaluate a classifier on labelled rows (JSONL or CSV): accuracy, F1 by label, confusion, calibration,"
                        + " cost and latency.",
                "  classifier eval -m model.bin --data test.jsonl --html report.html --json report.json",
                "  classifier eval -m model.bin --data test.csv --min-accuracy 0.85   # exit code 3 below 85%%");
        ClassifierOptions.addTo(spec);
        spec.addOption(Specs.file("Labelled rows: JSONL or .csv (id, title, body, label).", DATA).required(true).build());
        spec.addOption(Specs.file("Write the HTML report here.", HTML).build());
        spec.addOption(Specs.file("Write the JSON report here (with each article).", JSON).build());
        spec.addOption(Specs.value(String.class, "TEXT", "The report's title (default: ${DEFAULT-VALUE}).", TITLE)
                .defaultValue("Evaluation").build());
        spec.addOption(Specs.value(Double.class, "RATIO", "Exit with 3 when accuracy is below this (0..1).", MIN_ACCURACY)
                .build());
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) {
        ClassifierOptions classifierOptions = ClassifierOptions.from(options);
        Path html = options.path(HTML);
        Path json = options.path(JSON);
        Double minAccuracy = options.value(MIN_ACCURACY, Double.class);
        EvaluationResult result;
        try (Classifier classifier = classifierOptions.build(io)) {
            Taxonomy taxonomy = classifier.taxonomy();
            List<LabeledArticle> rows = Inputs.rows(Inputs.labelled(options.path(DATA), taxonomy));
            Progress progress = new Progress(io, "eval");
            try {
                result = Evaluation.builder().name(classifierOptions.strategy().name()).classifier(classifier)
                        .listener(progress).build().run(rows);
            } finally {
                progress.finish();
            }
        }
        EvaluationReport report = EvaluationReport.of(options.value(TITLE, String.class), result);
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
