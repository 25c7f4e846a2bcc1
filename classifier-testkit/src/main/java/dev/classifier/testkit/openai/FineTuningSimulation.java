package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * clock. A test moves jobs along by advancing that clock. Thread-safe.
 */
public final class FineTuningSimulation {

    private final Clock clock;
    private final Map<String, FineTuningJob> jobs = new LinkedHashMap<>();
    private volatile Optional<ApiException> refusal = Optional.empty();
    private volatile FineTuningJob.Timings timings = defaultTimings();

    FineTuningSimulation(Clock clock) {
        this.clock = clock;
    }

    private static FineTuningJob.Timings defaultTimings() {
        return new FineTuningJob.Timings(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    /**
     * Refuses (or allows again) the creation of jobs, as a provider winding self-serve fine-tuning down does:
     * {@code POST /v1/fine_tuning/jobs} answers 403 {@code fine_tuning_unavailable}. Existing jobs and fine-tuned
     * models keep working.
     */
    public FineTuningSimulation refuseCreation(boolean refuse) {
        this.refusal = refuse ? Optional.of(new ApiException(403, ApiException.INVALID_REQUEST,
                "Creating fine-tuning jobs is not available for this organization. Existing fine-tuned models "
                        + "remain available for inference.", Optional.empty(), Optional.of("fine_tuning_unavailable"),
                Map.of())) : Optional.empty();
        return this;
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

    Optional<ApiException> refusal() {
        return refusal;
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
