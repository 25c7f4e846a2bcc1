package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListParams;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.UnavailableException;
import dev.classifier.openai.OpenAiCalls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates a job without ever paying twice. Every request carries its request id in the job's metadata. The layer's
 * retry loop retries what may pass; before an attempt that follows an unclear failure (the job may have been made:
 * a 5xx, a lost or unreadable answer), the jobs are searched for the request id, and a job found is the one made.
 * If that search fails, nothing is created and the caller is told. When every attempt failed, a last search tells
 * the caller whether it is safe to try again.
 */
final class JobCreation {

    private static final Logger LOG = LoggerFactory.getLogger(JobCreation.class);
    /** How far back the search for a job made by an unclear request looks. */
    private static final Duration LOOKUP_WINDOW = Duration.ofDays(2);
    private static final long LOOKUP_PAGE = 100;
    private static final int LOOKUP_MAX_JOBS = 2_000;

    private final FineTuning fineTuning;
    private final OpenAIClient client;

    JobCreation(FineTuning fineTuning) {
        this.fineTuning = fineTuning;
        this.client = fineTuning.client();
    }

    /**
     * Creates the job, or finds the one this request made.
     *
     * @param mayExist whether an earlier process may have sent the request already (it is looked for first)
     */
    String create(JobRequest request, boolean mayExist) {
        Instant since = mayExist ? Instant.EPOCH : fineTuning.clock.instant();
        AtomicBoolean lookFirst = new AtomicBoolean(mayExist);
        AtomicBoolean lookupFailed = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("creating a fine-tuning job on " + request.model() + " (request "
                        + request.requestId() + ")")
                .model(fineTuning.catalog().profile(request.model()))
                .refinedBy(FineTuningErrors.jobCreation(request, fineTuning.catalog(), fineTuning.clock));
        try {
            return fineTuning.calls().run(call, failure -> {
                failures.incrementAndGet();
                if (FineTuningErrors.unclear(failure.error())) {
                    lookFirst.set(true);
                }
            }, attempt -> {
                if (lookFirst.get()) {
                    Optional<String> made = find(request, since, lookupFailed);
                    if (made.isPresent()) {
                        LOG.info("found job {} of request {}: not creating another", made.get(), request.requestId());
                        return made.get();
                    }
                }
                FineTuningJob job = client.fineTuning().jobs().create(params(request));
                LOG.info("created fine-tuning job {} on {} (request {})", job.id(), request.model(),
                        request.requestId());
                return job.id();
            });
        } catch (ClassificationException e) {
            if (!FineTuningErrors.unclear(e) || lookupFailed.get()) {
                throw e;
            }
            Optional<String> made = find(request, since, lookupFailed);
            if (made.isPresent()) {
                return made.get();
            }
            throw new UnavailableException(e.getMessage() + " (" + failures.get() + " failed attempt(s)); no job with"
                    + " request id " + request.requestId() + " exists, so it is safe to try again", e);
        }
    }

    /** The job made for this request (its request id in the metadata), newest first, back to {@code since}. */
    private Optional<String> find(JobRequest request, Instant since, AtomicBoolean failed) {
        Instant oldest = since.minus(LOOKUP_WINDOW);
        JobListParams params = JobListParams.builder().limit(LOOKUP_PAGE)
                .metadata(JobListParams.Metadata.builder()
                        .putAdditionalProperty(JobRequest.REQUEST_ID_KEY, request.requestId()).build())
                .build();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("looking for the job of request " + request.requestId()
                + " (not creating one, since it may exist)");
        try {
            Iterator<FineTuningJob> jobs = Paging.iterator(fineTuning.calls(), call,
                    attempt -> client.fineTuning().jobs().list(params));
            for (int seen = 0; seen < LOOKUP_MAX_JOBS && jobs.hasNext(); seen++) {
                FineTuningJob job = jobs.next();
                if (isFor(job, request)) {
                    return Optional.of(job.id());
                }
                if (Instant.ofEpochSecond(job.createdAt()).isBefore(oldest)) {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (ClassificationException e) {
            failed.set(true);
            throw e;
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
}
