package dev.classifier.finetune;

import java.util.Objects;
import java.util.Set;

/**
 * A fine-tuning job's status as the service names it. The documented ones are constants; any other the service
 * sends ({@code paused}, or one added later) is kept as it is and counted as still going, so that a watcher keeps
 * watching instead of failing.
 */
public record JobStatus(String value) {

    public static final JobStatus VALIDATING_FILES = new JobStatus("validating_files");
    public static final JobStatus QUEUED = new JobStatus("queued");
    public static final JobStatus RUNNING = new JobStatus("running");
    public static final JobStatus SUCCEEDED = new JobStatus("succeeded");
    public static final JobStatus FAILED = new JobStatus("failed");
    public static final JobStatus CANCELLED = new JobStatus("cancelled");

    private static final Set<String> DOCUMENTED = Set.of("validating_files", "queued", "running", "succeeded",
            "failed", "cancelled");

    public JobStatus {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("job status is blank");
        }
    }

    /** Succeeded, failed or cancelled: the job will not change again. */
    public boolean isTerminal() {
        return equals(SUCCEEDED) || equals(FAILED) || equals(CANCELLED);
    }

    /** One of the six statuses OpenAI documents. */
    public boolean isDocumented() {
        return DOCUMENTED.contains(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
