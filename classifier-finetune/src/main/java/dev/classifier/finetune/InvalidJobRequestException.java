package dev.classifier.finetune;

import dev.classifier.openai.ProviderError;

/**
 * The service refused a job request as malformed or naming what does not exist or cannot be done (a model it cannot
 * fine-tune, an unknown file, an out-of-range hyperparameter): fix the request. {@link #param()} names the part.
 */
public class InvalidJobRequestException extends FineTuningException {

    public InvalidJobRequestException(String message, ProviderError provider, Throwable cause) {
        super(message, provider, cause);
    }
}
