package dev.classifier.finetune;

import dev.classifier.openai.ProviderError;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The service refused a file, at upload or while processing it: fix the file ({@link DatasetValidator} finds what
 * the service checks), do not send it again as it is. The service's own account of the file's problems is in
 * {@link #serviceDetails()}, not in the message: it may quote the file's content.
 */
public class UploadRejectedException extends FineTuningException {

    private final transient Optional<String> serviceDetails;

    /** Refused by an error answer (400, 413, 415, ...). */
    public UploadRejectedException(String message, ProviderError provider, Throwable cause) {
        super(message, provider, cause);
        this.serviceDetails = Optional.empty();
    }

    /** Refused before sending, or failed while the service processed it (with its {@code status_details}). */
    public UploadRejectedException(String message, Optional<String> param, Optional<String> serviceDetails) {
        super(message, OptionalInt.empty(), Optional.empty(), param, null);
        this.serviceDetails = Objects.requireNonNull(serviceDetails, "serviceDetails");
    }

    /** What the service said is wrong with the file ({@code status_details}), when it processed and refused it. */
    public Optional<String> serviceDetails() {
        return serviceDetails;
    }
}
