package dev.classifier.finetune;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Why a fine-tuning step (upload, job creation, watching, cancelling) failed, said plainly, with what the service
 * said where it said something: the HTTP status, its error code and the parameter it blamed. Subclasses say what a
 * caller can do about it. Never carries the API key or the training data.
 */
public class FineTuningException extends RuntimeException {

    private final OptionalInt status;
    private final Optional<String> code;
    private final Optional<String> param;

    public FineTuningException(String message, Throwable cause) {
        this(message, OptionalInt.empty(), Optional.empty(), Optional.empty(), cause);
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

    /** Whether trying again later may succeed. */
    public boolean isRetryable() {
        return false;
    }
}
