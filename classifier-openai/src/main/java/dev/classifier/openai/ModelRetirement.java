package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.services.blocking.ModelService;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Sleeper;
import dev.classifier.openai.RetirementStatus.Source;
import dev.classifier.openai.RetirementStatus.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a model is on its way out: looks it up once with {@code GET /v1/models/{id}} (through the SDK and the
 * layer's {@link OpenAiCalls}: one error mapping, the client's circuit breaker) and reports its
 * {@link RetirementStatus}: no shutdown date, retiring on a date in so many days with the replacement the
 * {@link ModelCatalog} names, shut down, or not found. A plain method returning a value, to run at start-up or in a
 * health check:
 * <pre>{@code
 * RetirementStatus status = ModelRetirement.builder(client).build().check("gpt-4o-mini");
 * if (status.needsAction(ModelRetirement.DEFAULT_WARNING_DAYS)) {
 *     log.warn(status.describe());   // gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is gpt-6-luna
 * }
 * }</pre>
 *
 * <p>The provider's {@code shutdown_date} wins over the catalog's; when the provider gives none (many
 * OpenAI-compatible servers do not have the field), or cannot be asked (no models endpoint, a refused key, an
 * unreachable host), the catalog's date answers and {@link RetirementStatus#lookupProblem()} says why. A 404
 * {@code model_not_found} reports the model as not found, or as shut down when the catalog's date has passed.
 * {@link #check} never throws for the provider's sake: a failed lookup degrades to the catalog, so that a check can
 * never break classification.
 *
 * <p>A models lookup is quick, so each attempt gets {@link #DEFAULT_LOOKUP_CONNECT_TIMEOUT} to connect and
 * {@link #DEFAULT_LOOKUP_TIMEOUT} in all, not the minute a chat call may take: a peer that does not answer a lookup
 * in that time is taken as unreachable. A lookup that cannot reach the provider ({@link ConnectionFailure}) is tried
 * again until it gets an answer or the client's {@link CircuitBreaker} opens ({@value #UNREACHABLE_ATTEMPTS}
 * attempts at most), so that a check of an endpoint that cannot be reached leaves the circuit open and the calls
 * after it fail at once; any answer, even an error, is one attempt. Another {@link RetryPolicy}
 * ({@link Builder#retryPolicy}) retries whatever it covers. Thread-safe.
 */
public final class ModelRetirement {

    /** A classifier warns on first use when its model shuts down within this many days. */
    public static final int DEFAULT_WARNING_DAYS = 90;
    /** How long one lookup may take in all: a models lookup answers in well under a second. */
    public static final Duration DEFAULT_LOOKUP_TIMEOUT = Duration.ofSeconds(5);
    /** How long one lookup may take to connect (below {@link #DEFAULT_LOOKUP_TIMEOUT}, so it is what times out). */
    public static final Duration DEFAULT_LOOKUP_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Attempts of a lookup that cannot reach the provider: enough for the client's circuit breaker to open. */
    public static final int UNREACHABLE_ATTEMPTS = CircuitBreaker.DEFAULT_THRESHOLD;

    private static final Logger LOG = LoggerFactory.getLogger(ModelRetirement.class);

    private final ModelService models;
    private final RequestOptions lookupOptions;
    private final OpenAiCalls calls;
    private final OpenAiCalls.Retries retries;
    private final ModelCatalog catalog;
    private final Clock clock;

    private ModelRetirement(Builder b) {
        // The library owns retries: a view of the caller's client with the SDK's retries off (same connections).
        this.models = b.client.withOptions(options -> options.maxRetries(0)).models();
        this.lookupOptions = RequestOptions.builder().timeout(b.lookupTimeout).build();
        RetryPolicy retry = b.retry.orElse(RetryPolicy.defaults().withMaxAttempts(UNREACHABLE_ATTEMPTS));
        this.retries = b.retry.isPresent() ? OpenAiCalls.Retries.WHAT_MAY_PASS
                : OpenAiCalls.Retries.CONNECTION_FAILURES_ONLY;
        this.calls = OpenAiCalls.builder(b.client).retryPolicy(retry).clock(b.clock).sleeper(b.sleeper).build();
        this.catalog = b.catalog;
        this.clock = b.clock;
    }

    /** A check on this client (whose settings stay the caller's). */
    public static Builder builder(OpenAIClient client) {
        return new Builder(client);
    }

    /**
     * Looks the model up and says where it stands today (on the clock).
     *
     * @param modelId the model id as requests name it ({@code gpt-4o-mini}, a snapshot, an {@code ft:} model)
     */
    public RetirementStatus check(String modelId) {
        Objects.requireNonNull(modelId, "modelId");
        String id = modelId.strip();
        if (id.isEmpty()) {
            throw new IllegalArgumentException("model id is blank");
        }
        LocalDate today = LocalDate.now(clock);
        Optional<ModelProfile> known = catalog.find(id);
        Optional<LocalDate> catalogDate = known.flatMap(ModelProfile::shutdownDate);
        Optional<String> replacement = known.flatMap(ModelProfile::replacement);
        AtomicReference<ProviderError> answer = new AtomicReference<>();
        Optional<LocalDate> providerDate;
        try {
            OpenAiCalls.Call call = OpenAiCalls.Call.of("looking up model '" + id + "'").retrying(retries);
            providerDate = calls.run(known.map(call::model).orElse(call),
                    failure -> failure.provider().ifPresent(answer::set),
                    attempt -> models.retrieve(id, lookupOptions).shutdownDate());
        } catch (ClassificationException e) {
            ProviderError error = answer.get();
            LOG.debug("looking up model '{}' failed ({}); the model catalog answers", id,
                    error != null ? error.describe() : e.getClass().getSimpleName());
            if (error != null && error.status() == 404 && error.is(ProviderErrors.MODEL_NOT_FOUND)) {
                return notFound(id, catalogDate, replacement, "the provider answers " + identifiers(error), today);
            }
            String why = error != null ? identifiers(error) : e.getMessage(); // typed messages hold no secrets
            return fromDate(id, catalogDate, replacement, Source.CATALOG,
                    Optional.of("the provider could not be asked (" + why + ")"), today);
        }
        if (providerDate.isPresent()) {
            return fromDate(id, providerDate, replacement, Source.PROVIDER, Optional.empty(), today);
        }
        return fromDate(id, catalogDate, replacement, catalogDate.isPresent() ? Source.CATALOG : Source.PROVIDER,
                Optional.empty(), today);
    }

    /**
     * A lookup's time-outs: {@link #DEFAULT_LOOKUP_CONNECT_TIMEOUT} to connect, {@link #DEFAULT_LOOKUP_TIMEOUT} in all.
     */
    public static Timeout defaultLookupTimeout() {
        return Timeout.builder().connect(DEFAULT_LOOKUP_CONNECT_TIMEOUT).request(DEFAULT_LOOKUP_TIMEOUT).build();
    }

    /** The catalog the replacement (and the fallback date) come from. */
    public ModelCatalog catalog() {
        return catalog;
    }

    private static RetirementStatus fromDate(String id, Optional<LocalDate> date, Optional<String> replacement,
                                             Source source, Optional<String> problem, LocalDate today) {
        State state = date.isEmpty() ? State.NO_SHUTDOWN_DATE
                : today.isBefore(date.get()) ? State.RETIRING : State.SHUT_DOWN;
        return new RetirementStatus(id, state, date, replacement, source, problem, today);
    }

    /** The provider does not find the model: shut down when the catalog's date has passed, else not found. */
    private static RetirementStatus notFound(String id, Optional<LocalDate> catalogDate, Optional<String> replacement,
                                             String problem, LocalDate today) {
        boolean pastItsDate = catalogDate.map(d -> !today.isBefore(d)).orElse(false);
        return new RetirementStatus(id, pastItsDate ? State.SHUT_DOWN : State.NOT_FOUND, catalogDate, replacement,
                catalogDate.isPresent() ? Source.CATALOG : Source.PROVIDER, Optional.of(problem), today);
    }

    /** "HTTP 404, code model_not_found": the status and the error's code (or type), no request id. */
    private static String identifiers(ProviderError error) {
        return "HTTP " + error.status() + error.code().or(error::type).map(c -> ", code " + c).orElse("");
    }

    @Override
    public String toString() {
        return "ModelRetirement[" + calls + "]";
    }

    /** Settings; every setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private ModelCatalog catalog = ModelCatalog.defaults();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Optional<RetryPolicy> retry = Optional.empty();
        private Timeout lookupTimeout = defaultLookupTimeout();

        private Builder(OpenAIClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** Where replacements and fallback dates come from ({@link ModelCatalog#defaults()} unless set). */
        public Builder catalog(ModelCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** The clock "today" is read from (UTC unless set; its zone decides the day). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How retries wait, when the retry policy allows any. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        /**
         * Retries of the lookup, of whatever the policy covers. Unless set, only a lookup that cannot reach the
         * provider is tried again ({@value #UNREACHABLE_ATTEMPTS} attempts at most): a check should not hold a
         * start-up up, and should leave the circuit open when the endpoint cannot be reached.
         */
        public Builder retryPolicy(RetryPolicy value) {
            this.retry = Optional.of(Objects.requireNonNull(value, "retryPolicy"));
            return this;
        }

        /**
         * The time-outs of one lookup, in place of the client's ({@link #defaultLookupTimeout()} unless set). Keep
         * the connect time-out below the request's, so that a peer that never accepts is told from one that never
         * answers.
         */
        public Builder lookupTimeout(Timeout value) {
            this.lookupTimeout = Objects.requireNonNull(value, "lookupTimeout");
            return this;
        }

        public ModelRetirement build() {
            return new ModelRetirement(this);
        }
    }
}
