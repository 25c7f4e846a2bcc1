package dev.classifier.finetune;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fine-tuning job ended in {@code failed}: the service's error code (such as {@code invalid_n_examples} or
 * {@code invalid_training_file}), its message and the parameter it blamed (usually {@code training_file}).
 */
public class JobFailedException extends FineTuningException {

    private final String jobId;
    private final String serviceMessage;

    public JobFailedException(String jobId, Optional<String> code, String serviceMessage, Optional<String> param) {
        super("fine-tuning job " + jobId + " failed" + code.map(c -> " (" + c + ")").orElse("") + ": "
                + serviceMessage + param.map(p -> " [" + p + "]").orElse(""), OptionalInt.empty(), code, param, null);
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.serviceMessage = Objects.requireNonNull(serviceMessage, "serviceMessage");
    }

    public String jobId() {
        return jobId;
    }

    /** The service's own message, as the job's {@code error.message} has it. */
    public String serviceMessage() {
        return serviceMessage;
    }
}
