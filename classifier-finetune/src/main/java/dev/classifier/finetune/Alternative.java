package dev.classifier.finetune;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A way to a classifier trained on your feedback when fine-tuning on OpenAI is closed (no new jobs from 2027-01-06),
 * impossible (the model cannot be fine-tuned) or not worth it (the base model retires too soon), with the reason to
 * take it and, for the offline learners, their accuracy measured on your own feedback where it could be measured.
 *
 * @param route    which way
 * @param reason   why and how, in plain words
 * @param accuracy cross-validated accuracy on your feedback, when it was measured
 */
public record Alternative(Route route, String reason, Optional<Accuracy> accuracy) {

    /** The ways on. */
    public enum Route {
        /** Azure OpenAI: the same fine-tuning API, its own schedule; a tuned model needs a deployment. */
        AZURE_OPENAI,
        /** An open-weight model trained on the exported file, served behind an OpenAI-compatible endpoint. */
        OPEN_WEIGHT,
        /** {@code LocalClassifier} (classifier-local): offline, free, trained in seconds. */
        LOCAL_MODEL,
        /** {@code EmbeddingClassifier} (classifier-embeddings): offline, a sentence-embedding model in process. */
        EMBEDDINGS
    }

    /**
     * Accuracy measured by k-fold cross-validation: each fold classified by a model trained on the other folds.
     *
     * @param accuracy the share of the held-out examples labelled as people labelled them, in [0, 1]
     * @param examples the examples measured on
     * @param folds    the folds
     */
    public record Accuracy(double accuracy, int examples, int folds) {
        public Accuracy {
            if (!(accuracy >= 0 && accuracy <= 1) || examples < 1 || folds < 2) {
                throw new IllegalArgumentException("invalid accuracy " + accuracy + " on " + examples + " examples in "
                        + folds + " folds");
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f%% (%d-fold cross-validation on %,d of your examples)",
                    accuracy * 100, folds, examples);
        }
    }

    public Alternative {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(accuracy, "accuracy");
    }

    /** Azure OpenAI, through this module's {@link FineTuning} on an Azure client. */
    public static Alternative azureOpenAi() {
        return new Alternative(Route.AZURE_OPENAI, "Azure OpenAI serves the same fine-tuning API, on its own schedule"
                + " (OpenAI's end of new jobs does not bind it): FineTuning on OpenAiClients.azure(endpoint, key)"
                + " uploads, creates and watches the job as on OpenAI. A tuned model answers only once it has a"
                + " deployment (Azure portal, CLI or management API): give FineTunedClassifier the deployment's name."
                + " Check which base models your region fine-tunes, and their retirement dates.", Optional.empty());
    }

    /** An open-weight model trained on the exported file and served behind the same interface. */
    public static Alternative openWeight() {
        return new Alternative(Route.OPEN_WEIGHT, "Train an open-weight model on the exported file: TrainingSet"
                + " writes training.jsonl and validation.jsonl in the chat \"messages\" format that Hugging Face TRL"
                + " (SFTTrainer), Axolotl (type: chat_template), LLaMA-Factory (sharegpt formatting) and MLX-LM"
                + " (mlx_lm.lora) read as they are (train on the assistant turn only). Serve it with vLLM, Ollama or"
                + " llama.cpp's server and classify through FineTunedClassifier on"
                + " OpenAiClients.compatible(url, key): the same interface, no provider's shutdown date, no per-token"
                + " price.", Optional.empty());
    }

    /** The offline n-gram model, with its accuracy on your feedback when measured (else why not). */
    public static Alternative localModel(Optional<Accuracy> measured, String whyNotMeasured) {
        return new Alternative(Route.LOCAL_MODEL, "LocalClassifier (classifier-local) learns from all your"
                + " feedback in seconds, offline and free, and RefreshingClassifier retrains it as corrections arrive;"
                + " as a cascade (Classifiers.cascade) it answers when sure and leaves the rest to a paid model. "
                + measured.map(a -> "Accuracy on your feedback: " + a + ".").orElse(whyNotMeasured), measured);
    }

    /** The in-process embedding model, with its accuracy on your feedback when measured (else why not). */
    public static Alternative embeddings(Optional<Accuracy> measured, String whyNotMeasured) {
        return new Alternative(Route.EMBEDDINGS, "EmbeddingClassifier (classifier-embeddings) runs a small"
                + " sentence-embedding model in process, offline, and is strongest from a few dozen examples a label"
                + " (on the project's benchmarks at 32 a label: 85.5% on AG News and 79.8% on THUCNews, against 71.6%"
                + " and 67.4% for the n-gram model); it adds about 158 MB of dependencies. "
                + measured.map(a -> "Accuracy on your feedback: " + a + ".").orElse(whyNotMeasured), measured);
    }

    /** The four, none measured: what a refusal to create a job names. */
    public static List<Alternative> unmeasured() {
        String measure = "FineTuneAdvisor measures it on your feedback.";
        return List.of(azureOpenAi(), openWeight(), localModel(Optional.empty(), measure),
                embeddings(Optional.empty(), measure));
    }

    @Override
    public String toString() {
        return route.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + reason;
    }
}
