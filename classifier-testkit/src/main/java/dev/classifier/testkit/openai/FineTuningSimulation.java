package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fine-tuning jobs of the server and how they behave. A job is {@code validating_files} for the validation
 * time, then {@code queued} for the queue time, then {@code running} for the time per epoch times its epochs,
 * then {@code succeeded} (or {@code failed} right after validation when its file is bad), all on the server's
 * clock. A test moves jobs along by advancing that clock.
 * <p>
 * From {@link #OPENAI_NO_NEW_JOBS_FROM} (2027-01-06) on the server's clock, job creation is refused as OpenAI refuses
 * it then: 403 {@code fine_tuning_unavailable} ({@link #noNewJobsFrom(LocalDate)} moves or removes that day).
 * Existing jobs and fine-tuned models keep working. Thread-safe.
 */
public final class FineTuningSimulation {

    /** The day OpenAI stops taking new fine-tuning jobs from anyone (its notice of 2026-05-07). */
    public static final LocalDate OPENAI_NO_NEW_JOBS_FROM = LocalDate.of(2027, 1, 6);

    private final Clock clock;
    private final Map<String, FineTuningJob> jobs = new LinkedHashMap<>();
    private volatile Optional<ApiException> refusal = Optional.empty();
    private volatile FineTuningJob.Timings timings = defaultTimings();
    private volatile Optional<LocalDate> noNewJobsFrom = Optional.of(OPENAI_NO_NEW_JOBS_FROM);

    FineTuningSimulation(Clock clock) {
        this.clock = clock;
    }

    private static FineTuningJob.Timings defaultTimings() {
        return new FineTuningJob.Timings(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    /**
     * Refuses (or allows again) the creation of jobs, as a provider winding self-serve fine-tuning down does:
     * {@code POST /v1/fine_tuning/jobs} answers 403 {@code fine_tuning_unavailable}. Existing jobs and fine-tuned
     * models keep working. Allowing again does not lift the day job creation ends ({@link #newJobsWithoutEnd()} does).
     */
    public FineTuningSimulation refuseCreation(boolean refuse) {
        this.refusal = refuse ? Optional.of(new ApiException(403, ApiException.INVALID_REQUEST,
                "Creating fine-tuning jobs is not available for this organization. Existing fine-tuned models "
                        + "remain available for inference.", Optional.empty(), Optional.of("fine_tuning_unavailable"),
                Map.of())) : Optional.empty();
        return this;
    }

    /** From this day on (on the server's clock), job creation is refused with a 403 (see the class doc). */
    public FineTuningSimulation noNewJobsFrom(LocalDate day) {
        this.noNewJobsFrom = Optional.of(Objects.requireNonNull(day, "day"));
        return this;
    }

    /** Job creation never closes (unless {@link #refuseCreation(boolean)} says so). */
    public FineTuningSimulation newJobsWithoutEnd() {
        this.noNewJobsFrom = Optional.empty();
        return this;
    }

    /** The day from which job creation is refused, if there is one. */
    public Optional<LocalDate> noNewJobsFrom() {
        return noNewJobsFrom;
    }

    /** Refuses job creation with this status, error code and message. */
    public FineTuningSimulation refuseCreation(int status, String code, String message) {
        Objects.requireNonNull(code, "code");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a refusal status must be 4xx or 5xx, was " + status);
        }
        this.refusal = Optional.of(new ApiException(status, status >= 500 ? "server_error"
                : ApiException.INVALID_REQUEST, Objects.requireNonNull(message, "message"), Optional.empty(),
                Optional.of(code), Map.of()));
        return this;
    }

    /** How long new jobs stay in each phase (defaults: 1 minute validating, 2 queued, 5 per epoch). */
    public FineTuningSimulation timings(Duration validation, Duration queue, Duration perEpoch) {
        requirePositive(validation, "validation");
        requirePositive(queue, "queue");
        requirePositive(perEpoch, "perEpoch");
        this.timings = new FineTuningJob.Timings(validation, queue, perEpoch);
        return this;
    }

    /** The ids of all jobs, oldest first. */
    public synchronized List<String> jobIds() {
        return List.copyOf(jobs.keySet());
    }

    /** A job's status now. */
    public Optional<String> status(String jobId) {
        return find(jobId).map(job -> job.status(clock.instant()));
    }

    /** When a job will have finished (succeeded), if it does not fail or get cancelled. */
    public Optional<Instant> finishesAt(String jobId) {
        return find(jobId).map(FineTuningJob::finishesAt);
    }

    /** Why a job may not be created now, if it may not: the refusal a test set, else the day job creation ended. */
    Optional<ApiException> refusal(Instant now) {
        if (refusal.isPresent()) {
            return refusal;
        }
        Optional<LocalDate> end = noNewJobsFrom;
        if (end.isPresent() && !LocalDate.ofInstant(now, ZoneOffset.UTC).isBefore(end.get())) {
            return Optional.of(new ApiException(403, ApiException.INVALID_REQUEST, "Fine-tuning no longer accepts new "
                    + "jobs: job creation ended on " + end.get() + ". Existing fine-tuned models remain available "
                    + "for inference until their base model shuts down.", Optional.empty(),
                    Optional.of("fine_tuning_unavailable"), Map.of()));
        }
        return Optional.empty();
    }

    FineTuningJob.Timings currentTimings() {
        return timings;
    }

    synchronized void add(FineTuningJob job) {
        jobs.put(job.id(), job);
    }

    synchronized Optional<FineTuningJob> find(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    synchronized List<FineTuningJob> newestFirst() {
        List<FineTuningJob> all = new ArrayList<>(jobs.values());
        Collections.reverse(all);
        return all;
    }

    synchronized void reset() {
        jobs.clear();
        refusal = Optional.empty();
        timings = defaultTimings();
        noNewJobsFrom = Optional.of(OPENAI_NO_NEW_JOBS_FROM);
    }

    /** The fine-tuned model (or checkpoint) of this name, if a job has made it by {@code now}. */
    Optional<ModelCatalog.FineTunedModel> fineTunedModel(String id, Instant now) {
        for (FineTuningJob job : snapshot()) {
            if (job.modelsAt(now).contains(id)) {
                return Optional.of(new ModelCatalog.FineTunedModel(id, job.baseSnapshot(), job.finishesAt(),
                        job.organizationId()));
            }
        }
        return Optional.empty();
    }

    /** The final models of the jobs that have succeeded by {@code now}. */
    List<ModelCatalog.FineTunedModel> fineTunedModels(Instant now) {
        List<ModelCatalog.FineTunedModel> models = new ArrayList<>();
        for (FineTuningJob job : snapshot()) {
            if (job.succeeded(now)) {
                models.add(new ModelCatalog.FineTunedModel(job.fineTunedModel(), job.baseSnapshot(),
                        job.finishesAt(), job.organizationId()));
            }
        }
        return models;
    }

    private synchronized List<FineTuningJob> snapshot() {
        return new ArrayList<>(jobs.values());
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
