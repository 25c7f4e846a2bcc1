package dev.classifier.cli;

import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.ImportResult;
import dev.classifier.dataset.JsonlFeedbackStore;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Labelled JSONL or CSV into a feedback store, through the library's {@link FeedbackImport}. */
final class ImportCommand implements Subcommand {

    private static final String TAXONOMY = "--taxonomy";
    private static final String STORE = "--store";
    private static final String ID_COLUMN = "--id-column";
    private static final String TITLE_COLUMN = "--title-column";
    private static final String BODY_COLUMN = "--body-column";
    private static final String LABEL_COLUMN = "--label-column";
    private static final String SKIP_BAD_ROWS = "--skip-bad-rows";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "import",
                "Import labelled rows (JSONL, or CSV by extension) into a feedback store (JSONL; created if missing)."
                        + " All or nothing: a bad row stops the import before anything is added, unless --skip-bad-rows.",
                "  classifier import --taxonomy taxonomy.jsonl --store feedback.jsonl labelled.csv",
                "  classifier import --taxonomy taxonomy.jsonl --store feedback.jsonl --body-column text news.jsonl",
                "Importing the same rows again adds nothing (ids are stable).");
        spec.addOption(Specs.file("The taxonomy every label must be in.", TAXONOMY).required(true).build());
        spec.addOption(Specs.file("The feedback store (JSONL).", STORE).required(true).build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("FILE").arity("1..*").type(List.class)
                .auxiliaryTypes(Path.class).converters(Specs::path).description("Labelled rows: JSONL or .csv.").build());
        column(spec, ID_COLUMN, "id");
        column(spec, TITLE_COLUMN, "title");
        column(spec, BODY_COLUMN, "body");
        column(spec, LABEL_COLUMN, "label");
        spec.addOption(Specs.flag("Add the good rows and list the bad ones on standard error.", SKIP_BAD_ROWS));
        return spec;
    }

    private static void column(CommandSpec spec, String option, String byDefault) {
        spec.addOption(Specs.value(String.class, "NAME", "default: ${DEFAULT-VALUE}", option).defaultValue(byDefault).build());
    }

    @Override
    public int run(Parsed options, Io io) {
        FeedbackImport importer = FeedbackImport.builder(Inputs.taxonomy(options.path(TAXONOMY)))
                .idColumn(options.value(ID_COLUMN, String.class)).titleColumn(options.value(TITLE_COLUMN, String.class))
                .bodyColumn(options.value(BODY_COLUMN, String.class)).labelColumn(options.value(LABEL_COLUMN, String.class))
                .skipBadRows(options.flag(SKIP_BAD_ROWS)).build();
        List<Path> files = options.positionalPaths();
        Path store = options.path(STORE);
        files.forEach(Inputs::existing);
        Progress progress = new Progress(io, "import");
        int rejected = 0;
        try (JsonlFeedbackStore target = JsonlFeedbackStore.open(store)) {
            for (int i = 0; i < files.size(); i++) {
                ImportResult result = Inputs.importInto(importer, files.get(i), target);
                progress.update(i + 1, files.size());
                io.out().printf(Locale.ROOT, "%s: %,d rows, %,d added, %,d already present, %,d dropped, %,d rejected%n",
                        files.get(i), result.rows(), result.added(), result.alreadyPresent(), result.dropped(),
                        result.rejected().size());
                result.rejected().forEach(problem -> io.err().println("classifier: skipped " + problem));
                rejected += result.rejected().size();
            }
            progress.finish();
            io.out().printf(Locale.ROOT, "%s now holds %,d feedback%n", store, target.size());
        }
        return rejected > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
