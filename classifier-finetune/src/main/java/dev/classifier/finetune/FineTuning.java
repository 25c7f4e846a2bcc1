package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Sleeper;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.OpenAiCalls;
import dev.classifier.openai.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Fine-tuning on an OpenAI-compatible service (OpenAI, Azure OpenAI) through openai-java: upload a file and wait
 * until it is processed, create a supervised job, find a job again after a restart. Jobs are watched through
 * {@link FineTuneJob}. Every call goes through the {@code classifier-openai} layer ({@link OpenAiCalls}): one
 * error mapping, one retry loop, the circuit breaker. Failures come as the classifier API's typed exceptions
 * ({@code UnauthorizedException}, {@code QuotaExceededException}, {@code UnavailableException}, ...) or, where
 * fine-tuning adds a meaning, as this module's: {@link CreationRefusedException} (no new jobs: OpenAI's answer from
 * 2027-01-06, with the alternatives), {@link InvalidJobRequestException},
 * {@link UploadRejectedException}.
 *
 * <p>Creating a job costs money, so it is never retried blindly: every request carries a request id in the job's
 * metadata, and after a failure that leaves it unclear whether the job was made (a 5xx, a dropped connection, an
 * unreadable answer), the jobs are searched for that id before creating again. If the search itself fails, nothing
 * is created and the caller is told. A {@link JobStateFile} keeps the request and the job id across restarts.
 *
 * <p>All waiting (for an upload to be processed, between attempts, between polls) goes through the given
 * {@link Clock} and {@link Sleeper}, so tests drive time with a manual clock.
 * <pre>{@code
 * FineTuning fineTuning = FineTuning.builder(client).build();
 * UploadedFile training = fineTuning.upload(files.training());
 * FineTuneJob job = fineTuning.start(JobRequest.builder("gpt-4.1-nano-2025-04-14", training.id()).suffix("news")
 *         .build(), JobStateFile.at(dir.resolve("job.json")));
 * JobSnapshot done = job.await(Duration.ofHours(6), progress -> ...);
 * }</pre>
 * Thread-safe.
 */
public final class FineTuning {

    /** OpenAI's limit for a file uploaded through {@code /v1/files}. */
    public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;
    /** The day OpenAI stops taking new fine-tuning jobs from anyone (its notice of 2026-05-07). */
    public static final LocalDate OPENAI_NO_NEW_JOBS_FROM = LocalDate.of(2027, 1, 6);

    private static final Logger LOG = LoggerFactory.getLogger(FineTuning.class);

    /** The caller's client with the SDK's own retries off: the layer retries, and attempts must not multiply. */
    private final OpenAIClient client;
    private final OpenAiCalls calls;
    /** One attempt per call: a poll that fails is followed by the next poll, which is its retry. */
    private final OpenAiCalls polls;
    private final ModelCatalog catalog;
    final Clock clock;
    final Sleeper sleeper;
    final Duration pollInterval;
    final Duration uploadPollInterval;
    final Duration uploadTimeout;
    final int maxFailedPolls;

    private FineTuning(Builder b) {
        this.client = b.client.withOptions(options -> options.maxRetries(0));
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.calls = OpenAiCalls.builder(client).retryPolicy(b.retry).clock(clock).sleeper(sleeper).build();
        this.polls = OpenAiCalls.builder(client).retryPolicy(RetryPolicy.none()).clock(clock).sleeper(sleeper)
                .circuitBreaker(calls.circuitBreaker()).build();
        this.catalog = b.catalog;
        this.pollInterval = b.pollInterval;
        this.uploadPollInterval = b.uploadPollInterval;
        this.uploadTimeout = b.uploadTimeout;
        this.maxFailedPolls = b.maxFailedPolls;
    }

    public static Builder builder(OpenAIClient client) {
        return new Builder(client);
    }

    OpenAIClient client() {
        return client;
    }

    OpenAiCalls calls() {
        return calls;
    }

    OpenAiCalls polls() {
        return polls;
    }

    ModelCatalog catalog() {
        return catalog;
    }

    /**
     * Uploads a JSONL file with purpose {@code fine-tune} and waits until the service has processed it.
     *
     * @throws UploadRejectedException the service refused the file (format, size) or failed to process it
     * @throws AwaitTimeoutException   not processed within the upload time-out
     * @throws ClassificationException (a typed subclass) when the service could not be reached or refused the key
     */
    public UploadedFile upload(Path file) {
        Objects.requireNonNull(file, "file");
        return new Uploads(this).upload(file);
    }

    /** Deletes an uploaded file; false if the service no longer has it. */
    public boolean deleteFile(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        return FineTuningErrors.unlessNotFound(calls, OpenAiCalls.Call.of("deleting file " + fileId),
                attempt -> client.files().delete(fileId).deleted()).orElse(false);
    }

    /**
     * Creates a job; after an unclear failure, looks for it by its request id before trying again.
     *
     * @throws CreationRefusedException   the provider takes no new fine-tuning jobs (OpenAI from 2027-01-06)
     * @throws InvalidJobRequestException the service refused the request (a model it cannot tune, files,
     *                                    hyperparameters)
     * @throws ClassificationException    (a typed subclass: {@code UnauthorizedException},
     *                                    {@code QuotaExceededException}, {@code UnavailableException}, ...) when it
     *                                    could not be created, or it could not be told whether it was
     */
    public FineTuneJob create(JobRequest request) {
        Objects.requireNonNull(request, "request");
        return job(new JobCreation(this).create(request, false));
    }

    /** A handle on an existing job. */
    public FineTuneJob job(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        return new FineTuneJob(this, jobId);
    }

    /**
     * Starts the job the state file stands for, or this request's job: if the file names a job, that job is
     * resumed; if it holds this request without a job (the process died while creating), the job is looked up by
     * the request id and created only if it is not found; with no file, the request is written down first, then
     * the job is created and its id written down. A request the service refuses outright leaves no file behind:
     * nothing was created.
     *
     * @throws IllegalStateException    the state file holds another request (delete it to start over)
     * @throws ClassificationException  as {@link #create} does
     */
    public FineTuneJob start(JobRequest request, JobStateFile state) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(state, "state");
        Optional<JobStateFile.State> saved = state.read();
        if (saved.isPresent()) {
            if (!saved.get().request().sameJobAs(request)) {
                throw new IllegalStateException(state.path() + " belongs to another job request (model "
                        + saved.get().request().model() + ", training file " + saved.get().request().trainingFile()
                        + "); resume it, or delete the file to start over");
            }
            return resume(state).orElseThrow();
        }
        state.write(new JobStateFile.State(request, Optional.empty(), clock.instant()));
        String id;
        try {
            id = new JobCreation(this).create(request, false);
        } catch (ClassificationException e) {
            if (!e.isRetryable() && !FineTuningErrors.unclear(e)) {
                state.delete(); // refused outright: no job was made, nothing to resume
            }
            throw e;
        }
        state.write(new JobStateFile.State(request, Optional.of(id), clock.instant()));
        return job(id);
    }

    /**
     * The job a state file stands for, if there is a file: its job, or, when the file holds a request whose job was
     * never recorded, that job found by its request id or else created now.
     */
    public Optional<FineTuneJob> resume(JobStateFile state) {
        Objects.requireNonNull(state, "state");
        Optional<JobStateFile.State> saved = state.read();
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        JobStateFile.State s = saved.get();
        if (s.jobId().isPresent()) {
            LOG.info("resuming fine-tuning job {} from {}", s.jobId().get(), state.path());
            return Optional.of(job(s.jobId().get()));
        }
        LOG.info("{} holds request {} without a job: finishing its creation", state.path(), s.request().requestId());
        String id = new JobCreation(this).create(s.request(), true);
        state.write(new JobStateFile.State(s.request(), Optional.of(id), clock.instant()));
        return Optional.of(job(id));
    }

    void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FineTuningException("interrupted while waiting", e);
        }
    }

    @Override
    public String toString() {
        return "FineTuning[poll every " + pollInterval + ", " + calls + "]";
    }

    /** Settings; each setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration uploadPollInterval = Duration.ofSeconds(2);
        private Duration uploadTimeout = Duration.ofMinutes(30);
        private RetryPolicy retry = RetryPolicy.defaults();
        private ModelCatalog catalog = ModelCatalog.defaults();
        private int maxFailedPolls = 10;

        private Builder(OpenAIClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The clock deadlines are measured on (the system's unless set). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How waits are made (real sleeping unless set; a manual clock in tests). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /** How often a watched job is polled; default 30 seconds. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = positive(interval, "pollInterval");
            return this;
        }

        /** How often an upload is checked while the service processes it; default 2 seconds. */
        public Builder uploadPollInterval(Duration interval) {
            this.uploadPollInterval = positive(interval, "uploadPollInterval");
            return this;
        }

        /** How long to wait for an upload to be processed; default 30 minutes. */
        public Builder uploadTimeout(Duration timeout) {
            this.uploadTimeout = positive(timeout, "uploadTimeout");
            return this;
        }

        /**
         * How the layer retries an upload, a job creation or a read ({@link RetryPolicy#defaults()} unless set).
         * Job creation looks for the job before any retry that follows an unclear failure.
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** What refusals are explained with: fine-tunable models and replacements ({@link ModelCatalog#defaults()}). */
        public Builder catalog(ModelCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** Polls of a watched job that may fail in a row (5xx, network) before the wait gives up; default 10. */
        public Builder maxFailedPolls(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxFailedPolls must be >= 1, was " + n);
            }
            this.maxFailedPolls = n;
            return this;
        }

        public FineTuning build() {
            return new FineTuning(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }
    }
}
