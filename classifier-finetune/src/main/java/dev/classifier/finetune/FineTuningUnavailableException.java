package dev.classifier.finetune;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The service could not be reached or failed (5xx, time-out, dropped connection, rate limit) often enough that this
 * step gave up. Nothing was left half done that a retry could double: job creation is retried only after looking
 * for the job first.
 */
public class FineTuningUnavailableException extends FineTuningException {

    public FineTuningUnavailableException(String message, OptionalInt status, Optional<String> code, Throwable cause) {
        super(message, status, code, Optional.empty(), cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
