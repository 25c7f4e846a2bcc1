package dev.classifier.cli;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** A feedback store, or labelled rows, into a model file. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a model on a feedback store or on labelled rows (JSONL or CSV) and save it.",
        footerHeading = "%nExamples:%n",
        footer = {"  classifier train --store feedback.jsonl -o model.bin",
                "  classifier train --data labelled.csv --taxonomy taxonomy.jsonl -o model.bin",
                "  classifier train --strategy embeddings --store feedback.jsonl -o embeddings.bin"})
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    ClassifierCli root;

    @ArgGroup(multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--store", paramLabel = "FILE", required = true, description = "A feedback store (JSONL).")
        Path store;

        @Option(names = "--data", paramLabel = "FILE", required = true,
                description = "Labelled rows: JSONL or .csv (id, title, body, label).")
        Path data;
    }

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "The taxonomy (JSONL: label, description); needed with --data; default with --store: its labels.")
    Path taxonomy;

    @Option(names = "--strategy", defaultValue = "local", description = "local or embeddings (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The model file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (strategy == Strategy.prompt || strategy == Strategy.cascade) {
            throw new CliException(ExitCodes.USAGE, "train --strategy takes local or embeddings; " + strategy
                    + " learns from the store at each call (classify --strategy " + strategy + " --store FILE)");
        }
        try (FeedbackStore store = source.store != null ? Inputs.store(source.store) : labelled()) {
            Taxonomy labels = taxonomy != null ? Inputs.taxonomy(taxonomy)
                    : Inputs.taxonomyOf(store, String.valueOf(source.store));
            String version;
            if (strategy == Strategy.embeddings) {
                version = EmbeddingsSupport.trainAndSave(store, labels, output);
            } else {
                try (LocalClassifier model = LocalClassifier.trainer().train(store, labels, LabelMapping.identity())) {
                    model.save(output);
                    version = model.modelVersion();
                }
            }
            root.io().out().printf(Locale.ROOT, "trained %s on %,d feedback (%d labels): %s, model %s%n",
                    strategy, store.size(), labels.labels().size(), output, version);
        }
        return ExitCodes.OK;
    }

    private FeedbackStore labelled() {
        if (taxonomy == null) {
            throw new CliException(ExitCodes.USAGE, "train --data needs --taxonomy FILE (the labels the rows may use)");
        }
        return Inputs.labelled(source.data, Inputs.taxonomy(taxonomy));
    }
}
