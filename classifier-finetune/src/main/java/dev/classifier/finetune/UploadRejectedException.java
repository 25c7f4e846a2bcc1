package dev.classifier.finetune;

import java.util.Optional;
import java.util.OptionalInt;

/** The service refused a file, at upload or while processing it: fix the file, do not retry it as it is. */
public class UploadRejectedException extends FineTuningException {

    public UploadRejectedException(String message, OptionalInt status, Optional<String> code, Optional<String> param,
                                   Throwable cause) {
        super(message, status, code, param, cause);
    }
}
