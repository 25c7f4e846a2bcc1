package dev.classifier.finetune;

import dev.classifier.api.ClassificationException;

import java.util.Objects;
import java.util.Optional;

/** What a watched job reports to a {@link JobListener}. */
public sealed interface JobProgress {

    /** The job's status changed (the first poll reports the status it had, with no previous one). */
    record StatusChanged(Optional<JobStatus> previous, JobSnapshot job) implements JobProgress {
        public StatusChanged {
            Objects.requireNonNull(previous, "previous");
            Objects.requireNonNull(job, "job");
        }
    }

    /** A new event of the job, in the order they happened. */
    record EventReceived(JobEvent event) implements JobProgress {
        public EventReceived {
            Objects.requireNonNull(event, "event");
        }
    }

    /** New training figures (from a metrics event). */
    record MetricsReported(TrainingMetrics metrics) implements JobProgress {
        public MetricsReported {
            Objects.requireNonNull(metrics, "metrics");
        }
    }

    /**
     * A poll failed for a passing reason (the classifier API's {@code UnavailableException} or
     * {@code RateLimitedException}); watching goes on until too many fail in a row.
     */
    record PollFailed(ClassificationException error, int inARow) implements JobProgress {
        public PollFailed {
            Objects.requireNonNull(error, "error");
        }
    }
}
