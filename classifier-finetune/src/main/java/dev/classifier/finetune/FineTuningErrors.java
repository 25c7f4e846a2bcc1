package dev.classifier.finetune;

import dev.classifier.api.BadOutputException;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.UnavailableException;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.ProviderError;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the fine-tuning module adds to the layer's error mapping: refusals that mean something to fine-tuning (a
 * provider that takes no new jobs, a model it cannot tune, a refused file) become this module's exceptions, built
 * from the provider's identifiers only, as the layer builds its own.
 */
final class FineTuningErrors {

    static final String FINE_TUNING_UNAVAILABLE = "fine_tuning_unavailable";
    static final String MODEL_NOT_AVAILABLE = "model_not_available";
    private static final String MODEL_NOT_FOUND = "model_not_found";

    private FineTuningErrors() {
    }

    /** Whether a failed call may have taken effect all the same (a 5xx, a lost or unreadable answer). */
    static boolean unclear(ClassificationException e) {
        return e instanceof UnavailableException || e instanceof BadOutputException;
    }

    /** Runs a call; an answer of 404 (the thing is not there, or no longer) gives empty. */
    static <T> Optional<T> unlessNotFound(OpenAiCalls calls, OpenAiCalls.Call call, OpenAiCalls.Attempt<T> attempt) {
        try {
            return Optional.of(calls.run(call.refinedBy((error, mapped) -> error.status() == 404
                    ? new NotFound(mapped) : mapped), attempt));
        } catch (NotFound e) {
            return Optional.empty();
        }
    }

    /** A 404, caught by {@link #unlessNotFound}. */
    private static final class NotFound extends ClassificationException {
        NotFound(ClassificationException mapped) {
            super(mapped.getMessage(), mapped);
        }
    }

    /** Refines the refusals of a job creation. */
    static OpenAiCalls.ErrorRefiner jobCreation(JobRequest request, ModelCatalog catalog, Clock clock) {
        return (error, mapped) -> {
            if (error.is(FINE_TUNING_UNAVAILABLE)) {
                return new CreationRefusedException(noNewJobs(request.model(), error,
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), error, Alternative.unmeasured());
            }
            if (error.is(MODEL_NOT_AVAILABLE)) {
                return new InvalidJobRequestException("the service cannot fine-tune '" + request.model() + "' ("
                        + error.describe() + "): " + notFineTunable(request.model(), catalog), error, mapped);
            }
            if (isRequestError(error) && !error.is(MODEL_NOT_FOUND)) {
                return new InvalidJobRequestException("the service refused the fine-tuning job request ("
                        + error.describe() + ")" + error.param().map(p -> ": check " + p).orElse(""), error, mapped);
            }
            return mapped;
        };
    }

    /** Refines the refusal of an upload. */
    static OpenAiCalls.ErrorRefiner upload(Path file) {
        return (error, mapped) -> isRequestError(error) || error.status() == 413 || error.status() == 415
                ? new UploadRejectedException("uploading " + file + " was refused (" + error.describe()
                + "): the service takes chat JSONL files named *.jsonl, at most 512 MB; DatasetValidator checks a"
                + " file the way the service does", error, mapped)
                : mapped;
    }

    /** Says that the provider takes no new jobs, since when, and what to do instead. */
    static String noNewJobs(String model, ProviderError error, LocalDate today) {
        String when = today.isBefore(FineTuning.OPENAI_NO_NEW_JOBS_FROM)
                ? "the provider takes no new fine-tuning jobs from this account (OpenAI is winding self-serve"
                + " fine-tuning down: from " + FineTuning.OPENAI_NO_NEW_JOBS_FROM + " it takes none from anyone)"
                : "OpenAI takes no new fine-tuning jobs since " + FineTuning.OPENAI_NO_NEW_JOBS_FROM;
        return "creating a fine-tuning job on " + model + " was refused: " + when + " (" + error.describe()
                + "). Models tuned earlier keep answering until their base model shuts down. Instead: Azure OpenAI"
                + " (the same API: FineTuning on OpenAiClients.azure(endpoint, key), then a deployment of the tuned"
                + " model); an open-weight model trained on the exported training.jsonl (TRL, Axolotl, LLaMA-Factory,"
                + " MLX-LM) and served by vLLM, Ollama or llama.cpp's server behind OpenAiClients.compatible(url,"
                + " key); or the offline learners LocalClassifier and EmbeddingClassifier, which FineTuneAdvisor"
                + " measures on your feedback. See alternatives().";
    }

    /** What the catalog says of a model that cannot be tuned, and which models can. */
    static String notFineTunable(String model, ModelCatalog catalog) {
        Optional<ModelProfile> profile = catalog.find(model);
        String known = profile.isPresent() && !profile.get().fineTunable()
                ? "the catalog has '" + model + "' as not fine-tunable"
                : "it is not fine-tunable, or not for this account";
        return known + "; fine-tunable in the catalog: " + fineTunable(catalog) + ". Or take another way: Azure"
                + " OpenAI, an open-weight model trained on the exported file, or the offline learners"
                + " (FineTuneAdvisor compares them)";
    }

    /** "gpt-4.1-nano, gpt-4o-mini (shuts down 2027-01-14)", or "none". */
    static String fineTunable(ModelCatalog catalog) {
        String list = catalog.profiles().stream().filter(ModelProfile::fineTunable)
                .map(p -> p.id() + p.shutdownDate().map(d -> " (shuts down " + d + ")").orElse(""))
                .collect(Collectors.joining(", "));
        return list.isEmpty() ? "none" : list;
    }

    private static boolean isRequestError(ProviderError error) {
        return error.status() == 400 || error.status() == 404 || error.status() == 422;
    }
}
