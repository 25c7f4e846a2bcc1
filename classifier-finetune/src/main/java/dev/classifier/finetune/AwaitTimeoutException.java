package dev.classifier.finetune;

import java.util.Objects;
import java.util.Optional;

/**
 * A wait ran out: a job had not finished, or an upload had not been processed. It goes on at the service; await
 * it again (a job can also be resumed from its state file).
 */
public class AwaitTimeoutException extends FineTuningException {

    private final transient Optional<JobSnapshot> lastSeen;

    public AwaitTimeoutException(String message, Optional<JobSnapshot> lastSeen) {
        super(message, null);
        this.lastSeen = Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The job as last seen before the wait ran out (empty for an upload). */
    public Optional<JobSnapshot> lastSeen() {
        return lastSeen;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }
}
