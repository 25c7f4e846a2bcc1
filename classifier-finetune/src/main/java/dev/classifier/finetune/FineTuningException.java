package dev.classifier.finetune;

import dev.classifier.api.ClassificationException;
import dev.classifier.openai.ProviderError;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fine-tuning step failed for a reason the classifier API's own exceptions do not name: a file or a job request
 * the service refused, a job that failed, a provider that takes no new jobs, a wait that ran out. Failures every
 * provider call can have (credentials, quota, rate limits, an unreachable or failing service) come as the API's
 * typed exceptions ({@code UnauthorizedException}, {@code QuotaExceededException}, {@code UnavailableException},
 * ...) from the {@code classifier-openai} layer. Messages hold the status, the error's code and param and the request
 * id, never the provider's wording, the API key or training data.
 */
public class FineTuningException extends ClassificationException {

    private final OptionalInt status;
    private final Optional<String> code;
    private final Optional<String> param;

    public FineTuningException(String message, Throwable cause) {
        this(message, OptionalInt.empty(), Optional.empty(), Optional.empty(), cause);
    }

    /** With what the provider's error answer said, as identifiers. */
    public FineTuningException(String message, ProviderError provider, Throwable cause) {
        this(message, OptionalInt.of(provider.status()), provider.code().or(provider::type), provider.param(), cause);
    }

    public FineTuningException(String message, OptionalInt status, Optional<String> code, Optional<String> param,
                               Throwable cause) {
        super(message, cause);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.param = Objects.requireNonNull(param, "param");
    }

    /** The HTTP status of the service's answer, if there was one. */
    public OptionalInt status() {
        return status;
    }

    /** The service's error code ({@code invalid_n_examples}, {@code fine_tuning_unavailable}, ...), if it gave one. */
    public Optional<String> code() {
        return code;
    }

    /** The request parameter the service blamed ({@code training_file}, ...), if it named one. */
    public Optional<String> param() {
        return param;
    }
}
