package dev.classifier.cli;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.InvalidModelFileException;
import dev.classifier.local.LocalClassifier;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptClassifier;
import com.openai.client.OpenAIClient;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The options that choose and build a classifier, shared by {@code classify}, {@code eval} and {@code review}. */
record ClassifierOptions(Strategy strategy, Path model, Path taxonomy, Path store, String openAiModel, String baseUrl,
                         double threshold) {

    static final String STRATEGY = "--strategy";
    static final String MODEL = "--model";
    static final String TAXONOMY = "--taxonomy";
    static final String STORE = "--store";
    static final String OPENAI_MODEL = "--openai-model";
    static final String BASE_URL = "--base-url";
    static final String THRESHOLD = "--threshold";

    /** Adds these options to a command. */
    static void addTo(CommandSpec spec) {
        spec.addOption(Specs.value(Strategy.class, "STRATEGY",
                "local, embeddings, prompt or cascade (default: ${DEFAULT-VALUE}).", STRATEGY).defaultValue("local").build());
        spec.addOption(Specs.file("The saved model (from `train`); for local, embeddings and cascade.", "-m", MODEL).build());
        spec.addOption(Specs.file("The taxonomy (JSONL: label, description) for prompt; default: the model's.", TAXONOMY)
                .build());
        spec.addOption(Specs.file("A feedback store (JSONL) whose corrections the prompt shows as examples.", STORE).build());
        spec.addOption(Specs.value(String.class, "ID", "The chat model for prompt (default: the library's).", OPENAI_MODEL)
                .build());
        spec.addOption(Specs.value(String.class, "URL",
                "An OpenAI-compatible endpoint; the key is read from OPENAI_API_KEY and never printed.", BASE_URL).build());
        spec.addOption(Specs.value(double.class, "RATIO",
                "cascade: the local model's least confidence to answer (default: ${DEFAULT-VALUE}).", THRESHOLD)
                .defaultValue("0.9").build());
    }

    /** The values a command was given. */
    static ClassifierOptions from(Parsed options) {
        return new ClassifierOptions(options.value(STRATEGY, Strategy.class), options.path(MODEL), options.path(TAXONOMY),
                options.path(STORE), options.value(OPENAI_MODEL, String.class), options.value(BASE_URL, String.class),
                options.value(THRESHOLD, Double.class));
    }

    /** Builds the classifier; the caller closes it (and with it any store it opened). */
    Classifier build(Io io) {
        return switch (strategy) {
            case local -> loadLocal(requireModel());
            case embeddings -> EmbeddingsSupport.load(requireModel());
            case prompt -> prompt(io, promptTaxonomy(Optional.empty()));
            case cascade -> {
                LocalClassifier local = loadLocal(requireModel());
                yield Classifiers.cascade(local, threshold, prompt(io, promptTaxonomy(Optional.of(local.taxonomy()))));
            }
        };
    }

    private Path requireModel() {
        if (model == null) {
            throw new CliException(ExitCodes.USAGE, "--strategy " + strategy + " needs --model FILE (a model saved by `train`)");
        }
        return Inputs.existing(model);
    }

    static LocalClassifier loadLocal(Path file) {
        try {
            LocalClassifier loaded = LocalClassifier.load(file);
            StartupTimes.mark("model loaded");
            return loaded;
        } catch (InvalidModelFileException e) {
            throw CliException.badInput(e.getMessage());
        } catch (IOException e) {
            throw CliException.badInput(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private Taxonomy promptTaxonomy(Optional<Taxonomy> fromModel) {
        if (taxonomy != null) {
            return Inputs.taxonomy(taxonomy);
        }
        return fromModel.or(() -> Optional.ofNullable(model).map(file -> loadLocal(Inputs.existing(file)).taxonomy()))
                .orElseThrow(() -> new CliException(ExitCodes.USAGE,
                        "--strategy " + strategy + " needs --taxonomy FILE (or --model FILE to take the model's)"));
    }

    private Classifier prompt(Io io, Taxonomy labels) {
        String key = io.env().get("OPENAI_API_KEY");
        if (key == null || key.isBlank()) {
            throw new CliException(ExitCodes.USAGE, "--strategy " + strategy + " needs OPENAI_API_KEY in the environment");
        }
        OpenAIClient client = baseUrl == null ? OpenAiClients.openAi(key) : OpenAiClients.compatible(baseUrl, key);
        PromptClassifier.Builder builder = PromptClassifier.builder(client, labels).closeClientOnClose(true);
        if (openAiModel != null) {
            builder.model(openAiModel);
        }
        if (store == null) {
            return builder.build();
        }
        FeedbackStore feedback = Inputs.store(store);
        return Classifiers.closingAlso(builder.feedback(feedback).build(), feedback);
    }
}
