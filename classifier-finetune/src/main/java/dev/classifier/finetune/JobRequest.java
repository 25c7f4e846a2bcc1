package dev.classifier.finetune;

import dev.classifier.openai.ModelCatalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * What to create a supervised fine-tuning job with. Every request carries a request id, sent as the job's metadata
 * {@value #REQUEST_ID_KEY}: after a failure that leaves it unclear whether the job was created, the job is looked up
 * by it before creating again, so that nobody pays twice.
 *
 * @param requestId      the idempotency key (a random UUID unless given)
 * @param model          the base model the caller names (or a fine-tuned model, to train further): there is no
 *                       default; {@link #fineTunableModels()} lists those the catalog can tune
 * @param trainingFile   the id of an uploaded training file
 * @param validationFile the id of an uploaded validation file, if any
 * @param epochs         passes over the training file; the service chooses when empty
 * @param suffix         up to 64 characters in the fine-tuned model's name
 * @param seed           for reproducible training; the service chooses when empty
 * @param metadata       up to 15 key-value pairs of the caller's (the 16th is the request id)
 */
public record JobRequest(String requestId, String model, String trainingFile, Optional<String> validationFile,
                         OptionalInt epochs, Optional<String> suffix, OptionalLong seed, Map<String, String> metadata) {

    /** The metadata key that carries the request id. */
    public static final String REQUEST_ID_KEY = "classifier_request_id";
    public static final int MAX_SUFFIX_CHARS = 64;
    public static final int MAX_METADATA_PAIRS = 16;

    public JobRequest {
        Objects.requireNonNull(requestId, "requestId");
        requireModel(model);
        Objects.requireNonNull(trainingFile, "trainingFile");
        Objects.requireNonNull(validationFile, "validationFile");
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(seed, "seed");
        requireText(requestId, "requestId");
        requireText(trainingFile, "trainingFile");
        validationFile.ifPresent(v -> requireText(v, "validationFile"));
        if (epochs.isPresent() && (epochs.getAsInt() < 1 || epochs.getAsInt() > 50)) {
            throw new IllegalArgumentException("epochs must be 1 to 50, was " + epochs.getAsInt());
        }
        if (suffix.isPresent() && (suffix.get().isBlank() || suffix.get().length() > MAX_SUFFIX_CHARS)) {
            throw new IllegalArgumentException("suffix must be 1 to " + MAX_SUFFIX_CHARS + " characters, was '"
                    + suffix.get() + "'");
        }
        if (seed.isPresent() && (seed.getAsLong() < 0 || seed.getAsLong() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("seed must be 0 to " + Integer.MAX_VALUE + ", was " + seed.getAsLong());
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            Objects.requireNonNull(key, "metadata key");
            Objects.requireNonNull(value, "metadata value of " + key);
            if (key.equals(REQUEST_ID_KEY)) {
                throw new IllegalArgumentException("metadata key '" + REQUEST_ID_KEY + "' is reserved for the request id");
            }
            if (key.isEmpty() || key.length() > 64 || value.length() > 512) {
                throw new IllegalArgumentException("metadata key '" + key + "': keys are 1 to 64 characters, values "
                        + "at most 512");
            }
            copy.put(key, value);
        });
        if (copy.size() > MAX_METADATA_PAIRS - 1) {
            throw new IllegalArgumentException("at most " + (MAX_METADATA_PAIRS - 1) + " metadata pairs (the service "
                    + "allows " + MAX_METADATA_PAIRS + ", one carries the request id), got " + copy.size());
        }
        metadata = Collections.unmodifiableMap(copy);
    }

    /**
     * A request to tune this model on this uploaded file.
     *
     * @param model the base model, as the provider names it ({@code gpt-4.1-nano-2025-04-14}; on Azure OpenAI, the
     *              base model your resource can fine-tune); required
     * @throws IllegalArgumentException when no model is named; the message lists the fine-tunable ones
     */
    public static Builder builder(String model, String trainingFile) {
        return new Builder(model, trainingFile);
    }

    /**
     * The ids of the models the {@link ModelCatalog#defaults() default catalog} can fine-tune (their profiles give the
     * training price and the shutdown date: a tuned model stops answering with its base). The provider has the last
     * word.
     */
    public static List<String> fineTunableModels() {
        return BaseModel.fineTunable(ModelCatalog.defaults());
    }

    private static void requireModel(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("name the base model to fine-tune: there is no default (fine-tunable"
                    + " in the catalog: " + FineTuningErrors.fineTunable(ModelCatalog.defaults()) + "; the provider"
                    + " has the last word)");
        }
    }

    /** The metadata sent: the caller's and the request id. */
    public Map<String, String> wireMetadata() {
        Map<String, String> all = new LinkedHashMap<>(metadata);
        all.put(REQUEST_ID_KEY, requestId);
        return Collections.unmodifiableMap(all);
    }

    /** The same request under another request id. */
    public JobRequest withRequestId(String id) {
        return new JobRequest(id, model, trainingFile, validationFile, epochs, suffix, seed, metadata);
    }

    /** Whether the two ask for the same job, whatever their request ids. */
    public boolean sameJobAs(JobRequest other) {
        return withRequestId(other.requestId).equals(other);
    }

    private static void requireText(String value, String what) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " is blank");
        }
    }

    /** Collects a request's settings; {@link #build()} checks them. */
    public static final class Builder {
        private final String model;
        private final String trainingFile;
        private String requestId = UUID.randomUUID().toString();
        private Optional<String> validationFile = Optional.empty();
        private OptionalInt epochs = OptionalInt.empty();
        private Optional<String> suffix = Optional.empty();
        private OptionalLong seed = OptionalLong.empty();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder(String model, String trainingFile) {
            requireModel(model);
            this.model = model;
            this.trainingFile = Objects.requireNonNull(trainingFile, "trainingFile");
        }

        public Builder requestId(String id) {
            this.requestId = Objects.requireNonNull(id, "requestId");
            return this;
        }

        public Builder validationFile(String fileId) {
            this.validationFile = Optional.of(Objects.requireNonNull(fileId, "validationFile"));
            return this;
        }

        public Builder epochs(int n) {
            this.epochs = OptionalInt.of(n);
            return this;
        }

        public Builder suffix(String value) {
            this.suffix = Optional.of(Objects.requireNonNull(value, "suffix"));
            return this;
        }

        public Builder seed(long value) {
            this.seed = OptionalLong.of(value);
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public JobRequest build() {
            return new JobRequest(requestId, model, trainingFile, validationFile, epochs, suffix, seed, metadata);
        }
    }
}
