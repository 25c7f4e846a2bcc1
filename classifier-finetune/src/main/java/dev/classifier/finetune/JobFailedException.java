package dev.classifier.finetune;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A fine-tuning job ended in {@code failed}: the service's error code (such as {@code invalid_n_examples} or
 * {@code invalid_training_file}) and the parameter it blamed (usually {@code training_file}) are in the message,
 * with what the code means; the service's own words are in {@link #serviceMessage()}, not in the message, since
 * they may quote the training data.
 */
public class JobFailedException extends FineTuningException {

    /** What the codes OpenAI documents for failed jobs mean, in this library's words. */
    private static final Map<String, String> MEANINGS = Map.of(
            "invalid_n_examples", "the training file has too few examples (at least 10)",
            "invalid_file_format", "the training file is not chat JSONL",
            "invalid_training_file", "the service refused the training file",
            "invalid_validation_file", "the service refused the validation file",
            "exceeded_quota", "the account's quota is used up");

    private final String jobId;
    private final String serviceMessage;

    public JobFailedException(String jobId, Optional<String> code, String serviceMessage, Optional<String> param) {
        super("fine-tuning job " + jobId + " failed" + code.map(c -> " (" + c + ")").orElse("")
                + param.map(p -> " [" + p + "]").orElse("") + ": "
                + code.map(MEANINGS::get).orElse("the reason is in serviceMessage()")
                + "; DatasetValidator checks a file the way the service does", OptionalInt.empty(), code, param, null);
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.serviceMessage = Objects.requireNonNull(serviceMessage, "serviceMessage");
    }

    public String jobId() {
        return jobId;
    }

    /** The service's own message, as the job's {@code error.message} has it (it may quote the training data). */
    public String serviceMessage() {
        return serviceMessage;
    }
}
