package dev.classifier.cli;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** A feedback store, or labelled rows, into a model file. */
final class TrainCommand implements Subcommand {

    private static final String STORE = "--store";
    private static final String DATA = "--data";
    private static final String TAXONOMY = "--taxonomy";
    private static final String STRATEGY = "--strategy";
    private static final String OUTPUT = "--output";

    @Override
    public CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "train",
                "Train a model on a feedback store or on labelled rows (JSONL or CSV) and save it.",
                "  classifier train --store feedback.jsonl -o model.bin",
                "  classifier train --data labelled.csv --taxonomy taxonomy.jsonl -o model.bin",
                "  classifier train --strategy embeddings --store feedback.jsonl -o embeddings.bin");
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(Specs.file("A feedback store (JSONL).", STORE).required(true).build())
                .addArg(Specs.file("Labelled rows: JSONL or .csv (id, title, body, label).", DATA).required(true).build())
                .build());
        spec.addOption(Specs.file("The taxonomy (JSONL: label, description); needed with --data; default with --store:"
                + " its labels.", TAXONOMY).build());
        spec.addOption(Specs.value(Strategy.class, "STRATEGY", "local or embeddings (default: ${DEFAULT-VALUE}).", STRATEGY)
                .defaultValue("local").build());
        spec.addOption(Specs.file("The model file to write.", "-o", OUTPUT).required(true).build());
        return spec;
    }

    @Override
    public int run(Parsed options, Io io) throws IOException {
        Strategy strategy = options.value(STRATEGY, Strategy.class);
        Path storeFile = options.path(STORE);
        Path taxonomy = options.path(TAXONOMY);
        Path output = options.path(OUTPUT);
        if (strategy == Strategy.prompt || strategy == Strategy.cascade) {
            throw new CliException(ExitCodes.USAGE, "train --strategy takes local or embeddings; " + strategy
                    + " learns from the store at each call (classify --strategy " + strategy + " --store FILE)");
        }
        try (FeedbackStore store = storeFile != null ? Inputs.store(storeFile) : labelled(options.path(DATA), taxonomy)) {
            Taxonomy labels = taxonomy != null ? Inputs.taxonomy(taxonomy)
                    : Inputs.taxonomyOf(store, String.valueOf(storeFile));
            String version;
            if (strategy == Strategy.embeddings) {
                version = EmbeddingsSupport.trainAndSave(store, labels, output);
            } else {
                try (LocalClassifier model = LocalClassifier.trainer().train(store, labels, LabelMapping.identity())) {
                    model.save(output);
                    version = model.modelVersion();
                }
            }
            io.out().printf(Locale.ROOT, "trained %s on %,d feedback (%d labels): %s, model %s%n",
                    strategy, store.size(), labels.labels().size(), output, version);
        }
        return ExitCodes.OK;
    }

    private static FeedbackStore labelled(Path data, Path taxonomy) {
        if (taxonomy == null) {
            throw new CliException(ExitCodes.USAGE, "train --data needs --taxonomy FILE (the labels the rows may use)");
        }
        return Inputs.labelled(data, Inputs.taxonomy(taxonomy));
    }
}
