package dev.classifier.finetune;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The service will not create fine-tuning jobs for this account: the key lacks the permission, the account has no
 * quota, or the provider no longer offers self-serve fine-tuning to it (OpenAI is winding it down from 2026). Jobs
 * and fine-tuned models made earlier keep working; retrying will not help.
 */
public class CreationRefusedException extends FineTuningException {

    public CreationRefusedException(String message, OptionalInt status, Optional<String> code, Optional<String> param,
                                    Throwable cause) {
        super(message, status, code, param, cause);
    }
}
