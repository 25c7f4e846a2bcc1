package dev.classifier.finetune;

import com.openai.errors.OpenAIException;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import com.openai.models.finetuning.jobs.checkpoints.CheckpointListParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A handle on one fine-tuning job: its status, events (paged), checkpoints and their metrics; waiting for it to
 * finish while reporting progress; cancelling it. Statuses the service adds (such as {@code paused}) are taken as
 * "still going". Thread-safe; each call asks the service afresh.
 */
public final class FineTuneJob {

    private static final Logger LOG = LoggerFactory.getLogger(FineTuneJob.class);
    private static final long EVENT_PAGE = 100;

    private final FineTuning fineTuning;
    private final String id;

    FineTuneJob(FineTuning fineTuning, String id) {
        this.fineTuning = fineTuning;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The job as the service describes it now. */
    public JobSnapshot refresh() {
        try {
            return SdkModels.snapshot(fineTuning.client().fineTuning().jobs().retrieve(id));
        } catch (OpenAIException e) {
            throw failure("reading job " + id, ServiceError.of(e));
        }
    }

    public JobStatus status() {
        return refresh().status();
    }

    /** All the job's events, newest first, fetched a page at a time as the stream is read. Close the stream. */
    public Stream<JobEvent> events() {
        try {
            return fineTuning.client().fineTuning().jobs()
                    .listEvents(id, JobListEventsParams.builder().limit(EVENT_PAGE).build())
                    .autoPager().stream().map(SdkModels::event);
        } catch (OpenAIException e) {
            throw failure("listing the events of job " + id, ServiceError.of(e));
        }
    }

    /**
     * The events after the one with this id, oldest first: the service lists newest first, so pages are read until
     * that event (or, when {@code after} is empty, to the end).
     */
    public List<JobEvent> eventsAfter(Optional<String> after) {
        Objects.requireNonNull(after, "after");
        List<JobEvent> newer = new ArrayList<>();
        try {
            for (FineTuningJobEvent event : fineTuning.client().fineTuning().jobs()
                    .listEvents(id, JobListEventsParams.builder().limit(EVENT_PAGE).build()).autoPager()) {
                if (after.isPresent() && event.id().equals(after.get())) {
                    break;
                }
                newer.add(SdkModels.event(event));
            }
        } catch (OpenAIException e) {
            throw failure("listing the events of job " + id, ServiceError.of(e));
        }
        Collections.reverse(newer);
        return newer;
    }

    /** The job's checkpoints, newest first (the service keeps those of the last three epochs). */
    public List<Checkpoint> checkpoints() {
        try {
            List<Checkpoint> all = new ArrayList<>();
            fineTuning.client().fineTuning().jobs().checkpoints()
                    .list(id, CheckpointListParams.builder().limit(100L).build())
                    .autoPager().forEach(c -> all.add(SdkModels.checkpoint(c)));
            return all;
        } catch (OpenAIException e) {
            throw failure("listing the checkpoints of job " + id, ServiceError.of(e));
        }
    }

    /**
     * Watches the job until it ends, polling at the fine-tuning's interval and telling the listener of status
     * changes, new events and metrics as they come. Polls that fail for a passing reason are reported and retried,
     * up to the fine-tuning's limit in a row.
     *
     * @return the job when it has succeeded or been cancelled
     * @throws JobFailedException    when the job failed, with the service's code, message and parameter
     * @throws AwaitTimeoutException when it is still going after {@code timeout} (it keeps going)
     */
    public JobSnapshot await(Duration timeout, JobListener listener) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(listener, "listener");
        Instant deadline = fineTuning.clock.instant().plus(timeout);
        Optional<JobStatus> lastStatus = Optional.empty();
        Optional<String> lastEvent = Optional.empty();
        Optional<JobSnapshot> lastSeen = Optional.empty();
        int failedInARow = 0;
        while (true) {
            try {
                JobSnapshot job = refresh();
                lastSeen = Optional.of(job);
                // The events first: they happened before the status they led to was read.
                for (JobEvent event : eventsAfter(lastEvent)) {
                    listener.onProgress(new JobProgress.EventReceived(event));
                    event.metrics().ifPresent(m -> listener.onProgress(new JobProgress.MetricsReported(m)));
                    lastEvent = Optional.of(event.id());
                }
                if (lastStatus.isEmpty() || !lastStatus.get().equals(job.status())) {
                    if (!job.status().isDocumented()) {
                        LOG.info("job {} has status '{}', which is not documented; watching on", id, job.status());
                    }
                    listener.onProgress(new JobProgress.StatusChanged(lastStatus, job));
                    lastStatus = Optional.of(job.status());
                }
                failedInARow = 0;
                if (job.status().equals(JobStatus.FAILED)) {
                    throw job.failure();
                }
                if (job.status().isTerminal()) {
                    return job;
                }
            } catch (FineTuningUnavailableException e) {
                failedInARow++;
                listener.onProgress(new JobProgress.PollFailed(e, failedInARow));
                if (failedInARow >= fineTuning.maxFailedPolls) {
                    throw e;
                }
            }
            Instant now = fineTuning.clock.instant();
            if (!now.isBefore(deadline)) {
                throw new AwaitTimeoutException("job " + id + " was still " + lastSeen.map(j -> "'" + j.status() + "'")
                        .orElse("unreadable") + " after " + timeout + "; it goes on", lastSeen);
            }
            Duration left = Duration.between(now, deadline);
            fineTuning.sleep(left.compareTo(fineTuning.pollInterval) < 0 ? left : fineTuning.pollInterval);
        }
    }

    /** Cancels the job; a job that has already ended is left as it is. */
    public JobSnapshot cancel() {
        return cancel(false);
    }

    /**
     * Cancels the job and, if asked, deletes its training and validation files (also when it had already ended).
     *
     * @return the job after cancelling, or as it ended
     */
    public JobSnapshot cancel(boolean deleteFiles) {
        JobSnapshot job = refresh();
        if (!job.status().isTerminal()) {
            try {
                job = SdkModels.snapshot(fineTuning.client().fineTuning().jobs().cancel(id));
                LOG.info("cancelled fine-tuning job {}", id);
            } catch (OpenAIException e) {
                ServiceError error = ServiceError.of(e);
                JobSnapshot now = refresh();
                if (!now.status().isTerminal()) {
                    throw failure("cancelling job " + id, error);
                }
                job = now; // it ended while we asked
            }
        }
        if (deleteFiles) {
            fineTuning.deleteFile(job.trainingFile());
            job.validationFile().ifPresent(fineTuning::deleteFile);
        }
        return job;
    }

    private static FineTuningException failure(String doing, ServiceError error) {
        if (error.transientFailure()) {
            return error.unavailable(doing);
        }
        return new FineTuningException(doing + " failed: " + error.describe(), error.status(), error.code(),
                error.param(), error.cause());
    }

    @Override
    public String toString() {
        return "FineTuneJob[" + id + "]";
    }
}
