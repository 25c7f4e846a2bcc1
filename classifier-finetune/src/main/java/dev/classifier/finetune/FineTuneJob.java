package dev.classifier.finetune;

import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import com.openai.models.finetuning.jobs.checkpoints.CheckpointListParams;
import dev.classifier.api.ClassificationException;
import dev.classifier.openai.OpenAiCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A handle on one fine-tuning job: its status, events (paged), checkpoints and their metrics; waiting for it to
 * finish while reporting progress; cancelling it. Statuses the service adds (such as {@code paused}) are taken as
 * "still going". Every call goes through the {@code classifier-openai} layer, so failures are the classifier API's
 * typed exceptions. Thread-safe; each call asks the service afresh.
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
        return snapshot(fineTuning.calls());
    }

    public JobStatus status() {
        return refresh().status();
    }

    /** All the job's events, newest first, fetched a page at a time as the stream is read. Close the stream. */
    public Stream<JobEvent> events() {
        return Paging.stream(fineTuning.calls(), eventsCall(), attempt -> fineTuning.client().fineTuning().jobs()
                .listEvents(id, JobListEventsParams.builder().limit(EVENT_PAGE).build())).map(SdkModels::event);
    }

    /**
     * The events after the one with this id, oldest first: the service lists newest first, so pages are read until
     * that event (or, when {@code after} is empty, to the end).
     */
    public List<JobEvent> eventsAfter(Optional<String> after) {
        Objects.requireNonNull(after, "after");
        return eventsAfter(after, fineTuning.calls());
    }

    /** The job's checkpoints, newest first (the service keeps those of the last three epochs). */
    public List<Checkpoint> checkpoints() {
        List<Checkpoint> all = new ArrayList<>();
        Paging.iterator(fineTuning.calls(), OpenAiCalls.Call.of("listing the checkpoints of job " + id),
                attempt -> fineTuning.client().fineTuning().jobs().checkpoints()
                        .list(id, CheckpointListParams.builder().limit(100L).build()))
                .forEachRemaining(c -> all.add(SdkModels.checkpoint(c)));
        return all;
    }

    private JobSnapshot snapshot(OpenAiCalls via) {
        return SdkModels.snapshot(via.run(OpenAiCalls.Call.of("reading fine-tuning job " + id),
                attempt -> fineTuning.client().fineTuning().jobs().retrieve(id)));
    }

    private OpenAiCalls.Call eventsCall() {
        return OpenAiCalls.Call.of("listing the events of job " + id);
    }

    private List<JobEvent> eventsAfter(Optional<String> after, OpenAiCalls via) {
        List<JobEvent> newer = new ArrayList<>();
        Iterator<FineTuningJobEvent> events = Paging.iterator(via, eventsCall(), attempt -> fineTuning.client()
                .fineTuning().jobs().listEvents(id, JobListEventsParams.builder().limit(EVENT_PAGE).build()));
        while (events.hasNext()) {
            FineTuningJobEvent event = events.next();
            if (after.isPresent() && event.id().equals(after.get())) {
                break;
            }
            newer.add(SdkModels.event(event));
        }
        Collections.reverse(newer);
        return newer;
    }

    /**
     * Watches the job until it ends, polling at the fine-tuning's interval and telling the listener of status
     * changes, new events and metrics as they come. Each poll is one attempt: one that fails for a passing reason
     * (a 5xx, the network, a rate limit) is reported as {@link JobProgress.PollFailed} and followed by the next poll,
     * up to the fine-tuning's limit of failed polls in a row.
     *
     * @return the job when it has succeeded or been cancelled
     * @throws JobFailedException    when the job failed, with the service's code, message and parameter
     * @throws AwaitTimeoutException when it is still going after {@code timeout} (it keeps going)
     * @throws ClassificationException (a typed subclass) when polls failed too often in a row, or for a lasting
     *                                 reason (credentials, a job that is not there)
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
                JobSnapshot job = snapshot(fineTuning.polls());
                lastSeen = Optional.of(job);
                // The events first: they happened before the status they led to was read.
                for (JobEvent event : eventsAfter(lastEvent, fineTuning.polls())) {
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
            } catch (ClassificationException e) {
                if (!e.isRetryable()) {
                    throw e;
                }
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
                job = SdkModels.snapshot(fineTuning.calls().run(OpenAiCalls.Call.of("cancelling job " + id),
                        attempt -> fineTuning.client().fineTuning().jobs().cancel(id)));
                LOG.info("cancelled fine-tuning job {}", id);
            } catch (ClassificationException e) {
                JobSnapshot now = refresh();
                if (!now.status().isTerminal()) {
                    throw e;
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

    @Override
    public String toString() {
        return "FineTuneJob[" + id + "]";
    }
}
