package dev.classifier.finetune;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The service refused a request as malformed or naming what does not exist (a model it cannot fine-tune, an
 * unknown file, an out-of-range hyperparameter): fix the request.
 */
public class InvalidJobRequestException extends FineTuningException {

    public InvalidJobRequestException(String message, OptionalInt status, Optional<String> code,
                                      Optional<String> param, Throwable cause) {
        super(message, status, code, param, cause);
    }
}
