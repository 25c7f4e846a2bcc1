package dev.classifier.cli;

import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.ImportResult;
import dev.classifier.dataset.JsonlFeedbackStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Labelled JSONL or CSV into a feedback store, through the library's {@link FeedbackImport}. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import labelled rows (JSONL, or CSV by extension) into a feedback store (JSONL; created if missing)."
                + " All or nothing: a bad row stops the import before anything is added, unless --skip-bad-rows.",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier import --taxonomy taxonomy.jsonl --store feedback.jsonl labelled.csv",
                "  classifier import --taxonomy taxonomy.jsonl --store feedback.jsonl --body-column text news.jsonl",
                "Importing the same rows again adds nothing (ids are stable)."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    ClassifierCli root;

    @Option(names = "--taxonomy", paramLabel = "FILE", required = true, description = "The taxonomy every label must be in.")
    Path taxonomy;

    @Option(names = "--store", paramLabel = "FILE", required = true, description = "The feedback store (JSONL).")
    Path store;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Labelled rows: JSONL or .csv.")
    List<Path> files;

    @Option(names = "--id-column", defaultValue = "id", description = "default: ${DEFAULT-VALUE}") String idColumn;
    @Option(names = "--title-column", defaultValue = "title", description = "default: ${DEFAULT-VALUE}") String titleColumn;
    @Option(names = "--body-column", defaultValue = "body", description = "default: ${DEFAULT-VALUE}") String bodyColumn;
    @Option(names = "--label-column", defaultValue = "label", description = "default: ${DEFAULT-VALUE}") String labelColumn;

    @Option(names = "--skip-bad-rows", description = "Add the good rows and list the bad ones on standard error.")
    boolean skipBadRows;

    @Override
    public Integer call() {
        FeedbackImport importer = FeedbackImport.builder(Inputs.taxonomy(taxonomy)).idColumn(idColumn)
                .titleColumn(titleColumn).bodyColumn(bodyColumn).labelColumn(labelColumn)
                .skipBadRows(skipBadRows).build();
        files.forEach(Inputs::existing);
        Progress progress = new Progress(root.io(), "import");
        int rejected = 0;
        try (JsonlFeedbackStore target = JsonlFeedbackStore.open(store)) {
            for (int i = 0; i < files.size(); i++) {
                ImportResult result = Inputs.importInto(importer, files.get(i), target);
                progress.update(i + 1, files.size());
                root.io().out().printf(Locale.ROOT, "%s: %,d rows, %,d added, %,d already present, %,d dropped, %,d rejected%n",
                        files.get(i), result.rows(), result.added(), result.alreadyPresent(), result.dropped(),
                        result.rejected().size());
                result.rejected().forEach(problem -> root.io().err().println("classifier: skipped " + problem));
                rejected += result.rejected().size();
            }
            progress.finish();
            root.io().out().printf(Locale.ROOT, "%s now holds %,d feedback%n", store, target.size());
        }
        return rejected > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
