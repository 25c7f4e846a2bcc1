package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.MultipartField;
import com.openai.errors.OpenAIException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListParams;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import dev.classifier.api.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Fine-tuning on an OpenAI-compatible service through openai-java: upload a file and wait until it is processed,
 * create a supervised job, find a job again after a restart. Jobs are watched through {@link FineTuneJob}.
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
 * FineTuneJob job = fineTuning.start(JobRequest.builder("gpt-4o-mini-2024-07-18", training.id()).suffix("news").build(),
 *         JobStateFile.at(dir.resolve("job.json")));
 * JobSnapshot done = job.await(Duration.ofHours(6), progress -> ...);
 * }</pre>
 * Thread-safe.
 */
public final class FineTuning {

    /** OpenAI's limit for a file uploaded through {@code /v1/files}. */
    public static final long MAX_UPLOAD_BYTES = 512L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FineTuning.class);
    /** How far back the search for a job made by an unclear request looks. */
    private static final Duration LOOKUP_WINDOW = Duration.ofDays(2);
    private static final int LOOKUP_PAGE = 100;
    private static final int LOOKUP_MAX_PAGES = 20;

    private final OpenAIClient client;
    /** The same client with the SDK's own retries off: uploads and job creation are retried here, carefully. */
    private final OpenAIClient once;
    final Clock clock;
    final Sleeper sleeper;
    final Duration pollInterval;
    private final Duration uploadPollInterval;
    private final Duration uploadTimeout;
    private final int attempts;
    private final Duration retryDelay;
    final int maxFailedPolls;

    private FineTuning(Builder b) {
        this.client = b.client;
        this.once = b.client.withOptions(options -> options.maxRetries(0));
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.pollInterval = b.pollInterval;
        this.uploadPollInterval = b.uploadPollInterval;
        this.uploadTimeout = b.uploadTimeout;
        this.attempts = b.attempts;
        this.retryDelay = b.retryDelay;
        this.maxFailedPolls = b.maxFailedPolls;
    }

    public static Builder builder(OpenAIClient client) {
        return new Builder(client);
    }

    OpenAIClient client() {
        return client;
    }

    /**
     * Uploads a JSONL file with purpose {@code fine-tune} and waits until the service has processed it.
     *
     * @throws UploadRejectedException        the service refused the file (format, size) or failed to process it
     * @throws FineTuningUnavailableException the service could not be reached, after retries
     * @throws AwaitTimeoutException          not processed within the upload time-out
     */
    public UploadedFile upload(Path file) {
        Objects.requireNonNull(file, "file");
        long bytes = size(file);
        String name = file.getFileName().toString();
        if (bytes > MAX_UPLOAD_BYTES) {
            throw new UploadRejectedException(file + " is " + bytes + " bytes; the service takes at most "
                    + MAX_UPLOAD_BYTES + " per file", OptionalInt.empty(), Optional.empty(), Optional.of("file"), null);
        }
        Instant started = clock.instant();
        FileObject uploaded = null;
        ServiceError last = null;
        for (int attempt = 1; attempt <= attempts && uploaded == null; attempt++) {
            if (last != null && last.unclear()) {
                // The last attempt may have arrived: a file of this name and size uploaded since is that one.
                Optional<FileObject> earlier = findUpload(name, bytes, started);
                if (earlier.isPresent()) {
                    uploaded = earlier.get();
                    break;
                }
            }
            try (InputStream in = Files.newInputStream(file)) {
                uploaded = once.files().create(FileCreateParams.builder()
                        .file(MultipartField.<InputStream>builder().value(in).filename(name).build())
                        .purpose(FilePurpose.FINE_TUNE).build());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            } catch (OpenAIException e) {
                last = ServiceError.of(e);
                if (!last.transientFailure()) {
                    throw new UploadRejectedException("uploading " + file + " was refused: " + last.describe(),
                            last.status(), last.code(), last.param(), e);
                }
                LOG.warn("uploading {} failed (attempt {} of {}): {}", name, attempt, attempts, last.describe());
                pause(attempt, last);
            }
        }
        if (uploaded == null) {
            throw last.unavailable("uploading " + file + " (" + attempts + " attempts)");
        }
        LOG.info("uploaded {} as {} ({} bytes)", name, uploaded.id(), bytes);
        return awaitProcessed(uploaded);
    }

    private Optional<FileObject> findUpload(String name, long bytes, Instant since) {
        try {
            for (FileObject f : client.files().list(FileListParams.builder().purpose("fine-tune").limit(100L).build())
                    .data()) {
                if (f.filename().equals(name) && f.bytes() == bytes
                        && !Instant.ofEpochSecond(f.createdAt()).isBefore(since.minusSeconds(60))) {
                    LOG.info("found the upload of {} that seemed to fail: {}", name, f.id());
                    return Optional.of(f);
                }
            }
            return Optional.empty();
        } catch (OpenAIException e) {
            throw ServiceError.of(e).unavailable("looking for an upload of " + name + " that may have arrived");
        }
    }

    @SuppressWarnings("deprecation") // the file's status is deprecated in the API, yet it is what says "processed"
    private UploadedFile awaitProcessed(FileObject file) {
        Instant deadline = clock.instant().plus(uploadTimeout);
        FileObject current = file;
        while (true) {
            String status = current.status().asString();
            if (status.equals("processed")) {
                return new UploadedFile(current.id(), current.filename(), current.bytes(),
                        Instant.ofEpochSecond(current.createdAt()));
            }
            if (status.equals("error")) {
                throw new UploadRejectedException("the service could not process " + current.filename() + " ("
                        + current.id() + "): " + current.statusDetails().orElse("no details given"),
                        OptionalInt.empty(), Optional.empty(), Optional.of("file"), null);
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new AwaitTimeoutException("file " + current.id() + " was still '" + status + "' after "
                        + uploadTimeout, Optional.empty());
            }
            sleep(uploadPollInterval);
            try {
                current = client.files().retrieve(current.id());
            } catch (OpenAIException e) {
                ServiceError error = ServiceError.of(e);
                if (!error.transientFailure()) {
                    throw new UploadRejectedException("checking upload " + current.id() + " failed: "
                            + error.describe(), error.status(), error.code(), error.param(), e);
                }
                LOG.warn("checking upload {} failed: {}", current.id(), error.describe());
            }
        }
    }

    /** Deletes an uploaded file; false if the service no longer has it. */
    public boolean deleteFile(String fileId) {
        Objects.requireNonNull(fileId, "fileId");
        try {
            return client.files().delete(fileId).deleted();
        } catch (OpenAIException e) {
            ServiceError error = ServiceError.of(e);
            if (error.status().orElse(0) == 404) {
                return false;
            }
            throw new FineTuningException("deleting file " + fileId + " failed: " + error.describe(), error.status(),
                    error.code(), error.param(), e);
        }
    }

    /**
     * Creates a job; after an unclear failure, looks for it by its request id before trying again.
     *
     * @throws CreationRefusedException       the account may not create jobs (permission, quota, wind-down)
     * @throws InvalidJobRequestException     the service refused the request (model, files, hyperparameters)
     * @throws FineTuningUnavailableException it could not be created, or it could not be told whether it was
     */
    public FineTuneJob create(JobRequest request) {
        return create(request, false);
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
     * the job is created and its id written down.
     *
     * @throws IllegalStateException the state file holds another request (delete it to start over)
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
        FineTuneJob job = create(request, false);
        state.write(new JobStateFile.State(request, Optional.of(job.id()), clock.instant()));
        return job;
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
        FineTuneJob job = create(s.request(), true);
        state.write(new JobStateFile.State(s.request(), Optional.of(job.id()), clock.instant()));
        return Optional.of(job);
    }

    private FineTuneJob create(JobRequest request, boolean mayExist) {
        Instant started = clock.instant();
        boolean lookFirst = mayExist;
        ServiceError last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (lookFirst) {
                Optional<FineTuningJob> existing = findJob(request, mayExist ? Instant.EPOCH : started);
                if (existing.isPresent()) {
                    LOG.info("found job {} of request {}: not creating another", existing.get().id(),
                            request.requestId());
                    return new FineTuneJob(this, existing.get().id());
                }
            }
            try {
                FineTuningJob job = once.fineTuning().jobs().create(params(request));
                LOG.info("created fine-tuning job {} on {} (request {})", job.id(), request.model(),
                        request.requestId());
                return new FineTuneJob(this, job.id());
            } catch (OpenAIException e) {
                last = ServiceError.of(e);
                refuseIfFinal(request, last);
                LOG.warn("creating a fine-tuning job failed (attempt {} of {}): {}", attempt, attempts,
                        last.describe());
                lookFirst = lookFirst || last.unclear();
                pause(attempt, last);
            }
        }
        if (lookFirst) {
            Optional<FineTuningJob> existing = findJob(request, mayExist ? Instant.EPOCH : started);
            if (existing.isPresent()) {
                return new FineTuneJob(this, existing.get().id());
            }
        }
        throw last.unavailable("creating a fine-tuning job (" + attempts + " attempts; no job with request id "
                + request.requestId() + " exists, so it is safe to try again)");
    }

    private static void refuseIfFinal(JobRequest request, ServiceError error) {
        switch (error.kind()) {
            case REFUSED, QUOTA -> throw new CreationRefusedException("the service refused to create a fine-tuning "
                    + "job on " + request.model() + ": " + error.describe(), error.status(), error.code(),
                    error.param(), error.cause());
            case INVALID -> throw new InvalidJobRequestException("the service refused the fine-tuning job request"
                    + error.param().map(p -> " (" + p + ")").orElse("") + ": " + error.describe(), error.status(),
                    error.code(), error.param(), error.cause());
            default -> {
                // Transient: the caller retries.
            }
        }
    }

    /** The job created for this request (its request id in the metadata), newest first, back to {@code since}. */
    private Optional<FineTuningJob> findJob(JobRequest request, Instant since) {
        Instant oldest = since.minus(LOOKUP_WINDOW);
        try {
            var page = client.fineTuning().jobs().list(JobListParams.builder().limit((long) LOOKUP_PAGE)
                    .metadata(JobListParams.Metadata.builder()
                            .putAdditionalProperty(JobRequest.REQUEST_ID_KEY, request.requestId()).build())
                    .build());
            for (int pages = 1; ; pages++) {
                for (FineTuningJob job : page.data()) {
                    if (isFor(job, request)) {
                        return Optional.of(job);
                    }
                    if (Instant.ofEpochSecond(job.createdAt()).isBefore(oldest)) {
                        return Optional.empty();
                    }
                }
                if (!page.hasNextPage() || pages >= LOOKUP_MAX_PAGES) {
                    return Optional.empty();
                }
                page = page.nextPage();
            }
        } catch (OpenAIException e) {
            throw ServiceError.of(e).unavailable("looking for the job of request " + request.requestId()
                    + " (not creating one, since it may exist)");
        }
    }

    private static boolean isFor(FineTuningJob job, JobRequest request) {
        return job.metadata().map(m -> m._allProperties().get(JobRequest.REQUEST_ID_KEY))
                .flatMap(SdkModels::text).filter(request.requestId()::equals).isPresent();
    }

    private static JobCreateParams params(JobRequest request) {
        SupervisedHyperparameters.Builder hyperparameters = SupervisedHyperparameters.builder()
                .batchSizeAuto().learningRateMultiplierAuto();
        if (request.epochs().isPresent()) {
            hyperparameters.nEpochs((long) request.epochs().getAsInt());
        } else {
            hyperparameters.nEpochsAuto();
        }
        JobCreateParams.Metadata.Builder metadata = JobCreateParams.Metadata.builder();
        request.wireMetadata().forEach((key, value) -> metadata.putAdditionalProperty(key, JsonValue.from(value)));
        JobCreateParams.Builder params = JobCreateParams.builder()
                .model(request.model())
                .trainingFile(request.trainingFile())
                .method(JobCreateParams.Method.builder()
                        .type(JobCreateParams.Method.Type.SUPERVISED)
                        .supervised(SupervisedMethod.builder().hyperparameters(hyperparameters.build()).build())
                        .build())
                .metadata(metadata.build());
        request.validationFile().ifPresent(params::validationFile);
        request.suffix().ifPresent(params::suffix);
        request.seed().ifPresent(params::seed);
        return params.build();
    }

    /**
     * Waits before attempt {@code attempt + 1}: the retry delay, doubled each time, at most a minute; longer if the
     * service asked for longer.
     */
    private void pause(int attempt, ServiceError error) {
        if (attempt < attempts) {
            long factor = 1L << Math.min(attempt - 1, 10);
            Duration delay = retryDelay.multipliedBy(factor);
            delay = delay.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : delay;
            Duration asked = error.retryAfter().orElse(Duration.ZERO);
            sleep(asked.compareTo(delay) > 0 ? asked : delay);
        }
    }

    void sleep(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FineTuningException("interrupted while waiting", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public String toString() {
        return "FineTuning[poll every " + pollInterval + ", " + attempts + " attempts]";
    }

    /** Settings; each setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration uploadPollInterval = Duration.ofSeconds(2);
        private Duration uploadTimeout = Duration.ofMinutes(30);
        private int attempts = 4;
        private Duration retryDelay = Duration.ofSeconds(2);
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

        /** Attempts at an upload or a job creation; default 4. */
        public Builder attempts(int n) {
            if (n < 1 || n > 20) {
                throw new IllegalArgumentException("attempts must be 1 to 20, was " + n);
            }
            this.attempts = n;
            return this;
        }

        /** The wait after the first failed attempt, doubled after each further one (at most a minute); default 2 s. */
        public Builder retryDelay(Duration delay) {
            this.retryDelay = positive(delay, "retryDelay");
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
