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
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** The options that choose and build a classifier, shared by {@code classify} and {@code eval}. */
final class ClassifierOptions {

    @Option(names = "--strategy", defaultValue = "local",
            description = "local, embeddings, prompt or cascade (default: ${DEFAULT-VALUE}).")
    Strategy strategy;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE",
            description = "The saved model (from `train`); for local, embeddings and cascade.")
    Path model;

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "The taxonomy (JSONL: label, description) for prompt; default: the model's.")
    Path taxonomy;

    @Option(names = "--store", paramLabel = "FILE",
            description = "A feedback store (JSONL) whose corrections the prompt shows as examples.")
    Path store;

    @Option(names = "--openai-model", paramLabel = "ID", description = "The chat model for prompt (default: the library's).")
    String openAiModel;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "An OpenAI-compatible endpoint; the key is read from OPENAI_API_KEY and never printed.")
    String baseUrl;

    @Option(names = "--threshold", defaultValue = "0.9",
            description = "cascade: the local model's least confidence to answer (default: ${DEFAULT-VALUE}).")
    double threshold;

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
