package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

/**
 * The one retry loop for every call to an OpenAI-compatible provider. {@link #run} makes the call, maps a failure
 * to the classifier API's typed exceptions (one mapping for the whole library: messages hold neither the
 * provider's wording nor the key; refused credentials keep no SDK exception as cause; a 404
 * {@code model_not_found} names the catalog's replacement) and retries what may pass — rate limits (not an
 * exhausted quota), 5xx, time-outs, dropped connections — by the {@link RetryPolicy}, waiting what the provider
 * asked ({@code retry-after-ms}, {@code Retry-After}) or backing off. 401, 403, quota, 4xx and bad output are never
 * retried. Connection failures feed the {@link CircuitBreaker}: once it opens, calls fail at once and are not
 * retried. A {@code Retry-After} also pauses the {@link RateLimits}, if given, for every caller on them.
 *
 * <p>Retries are logged at WARN once per burst (the first retry after a success) and at DEBUG after that. Waiting
 * goes through the {@link Sleeper} and time through the {@link Clock}, so tests never sleep. Clients used with it
 * should have the SDK's own retries off (those of {@link OpenAiClients} have): attempts must not multiply.
 * Thread-safe; share one per client.
 */
public final class OpenAiCalls {

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCalls.class);

    /** One attempt of a call; it may wait (for rate limits, say) and be interrupted. */
    @FunctionalInterface
    public interface Attempt<T> {
        /**
         * Makes the call once.
         *
         * @param attempt 1 for the first attempt, 2 for the first retry, ...
         */
        T call(int attempt) throws InterruptedException;
    }

    /** Turns the mapped exception of a provider's error answer into a more specific one (a module's own). */
    @FunctionalInterface
    public interface ErrorRefiner {
        ClassificationException refine(ProviderError error, ClassificationException mapped);
    }

    /** Hears every failed attempt, retried or not. Called on the calling thread; keep it quick. */
    @FunctionalInterface
    public interface Listener {
        void onFailedAttempt(FailedAttempt failure);

        static Listener none() {
            return failure -> {
            };
        }
    }

    /**
     * One failed attempt.
     *
     * @param what     what the call was for
     * @param attempt  1 for the first attempt, ...
     * @param latency  how long the attempt took
     * @param error    the exception the caller gets if it is not retried
     * @param provider the provider's error answer, when it answered
     * @param retryIn  the wait before the next attempt; empty when the failure goes to the caller
     */
    public record FailedAttempt(String what, int attempt, Duration latency, ClassificationException error,
                                Optional<ProviderError> provider, Optional<Duration> retryIn) {
        public FailedAttempt {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }

    /** Which failures of a call the {@link RetryPolicy} retries (always only while the circuit is closed). */
    public enum Retries {
        /** Everything that may pass: rate limits, 5xx, time-outs, dropped connections. */
        WHAT_MAY_PASS,
        /**
         * Only failures to reach the provider ({@link ConnectionFailure}); any answer, even a 5xx, goes to the
         * caller at once. For a quick lookup that must not hold its caller up, yet must give the
         * {@link CircuitBreaker} its verdict on an endpoint that cannot be reached.
         */
        CONNECTION_FAILURES_ONLY
    }

    /**
     * What a call is: what it is for (in messages; never article text), the model it names, how its errors are
     * refined, and which of its failures are retried.
     */
    public record Call(String what, Optional<ModelProfile> model, Optional<ErrorRefiner> refiner, Retries retries) {
        public Call {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(refiner, "refiner");
            Objects.requireNonNull(retries, "retries");
        }

        /** A call retrying what may pass ({@link Retries#WHAT_MAY_PASS}). */
        public static Call of(String what) {
            return new Call(what, Optional.empty(), Optional.empty(), Retries.WHAT_MAY_PASS);
        }

        /** The model the call names: a 404 {@code model_not_found} then names its replacement. */
        public Call model(ModelProfile profile) {
            return new Call(what, Optional.of(profile), refiner, retries);
        }

        public Call refinedBy(ErrorRefiner value) {
            return new Call(what, model, Optional.of(value), retries);
        }

        /** The call with these failures retried. */
        public Call retrying(Retries value) {
            return new Call(what, model, refiner, value);
        }
    }

    private final RetryPolicy retry;
    private final CircuitBreaker circuit;
    private final Optional<RateLimits> limits;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Listener listener;
    private final DoubleSupplier random;
    private final AtomicBoolean retrying = new AtomicBoolean();

    private OpenAiCalls(Builder b) {
        this.retry = b.retry;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.circuit = b.circuit != null ? b.circuit : CircuitBreaker.sharedFor(b.client, b.clock);
        this.limits = Optional.ofNullable(b.limits);
        this.listener = b.listener;
        this.random = b.random;
    }

    /** Calls on this client; unless set, they share the client's {@link CircuitBreaker#sharedFor circuit}. */
    public static Builder builder(OpenAIClient client) {
        return new Builder(client);
    }

    /** Runs a call; see the class comment. */
    public <T> T run(String what, Attempt<T> attempt) {
        return run(Call.of(what), attempt);
    }

    /**
     * Runs a call with retries; see the class comment.
     *
     * @return what the successful attempt returned
     * @throws ClassificationException (a typed subclass where one applies) when the call does not succeed
     */
    public <T> T run(Call call, Attempt<T> attempt) {
        return run(call, Listener.none(), attempt);
    }

    /**
     * Runs a call with retries, telling this call's own listener (as well as the calls' one) about every failed
     * attempt.
     *
     * @return what the successful attempt returned
     * @throws ClassificationException (a typed subclass where one applies) when the call does not succeed
     */
    public <T> T run(Call call, Listener callListener, Attempt<T> attempt) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(callListener, "callListener");
        Objects.requireNonNull(attempt, "attempt");
        for (int n = 1; ; n++) {
            try {
                circuit.beforeCall(call.what());
            } catch (ClassificationException open) {
                report(callListener, call, n, Duration.ZERO, open, Optional.empty(), Optional.empty());
                throw open;
            }
            long started = System.nanoTime();
            try {
                T result = attempt.call(n);
                circuit.onAnswer();
                if (retrying.get() && retrying.getAndSet(false)) { // read first: no write shared by every call
                    LOG.info("{}: succeeded after retries; the next retry is logged at WARN again", call.what());
                }
                return result;
            } catch (OpenAIException e) {
                Duration wait = failed(call, callListener, n, e, Duration.ofNanos(System.nanoTime() - started));
                sleep(wait, call);
            } catch (InterruptedException e) {
                circuit.onNoVerdict();
                Thread.currentThread().interrupt();
                throw new ClassificationException(call.what() + ": interrupted");
            } catch (RuntimeException e) {
                circuit.onNoVerdict(); // the caller's own failure: no word on the endpoint
                throw e;
            }
        }
    }

    /**
     * Fails at once, as {@link #run} would, while the circuit refuses calls ({@link CircuitBreaker#rejectIfOpen}):
     * a caller can skip preparing a call (rendering its prompt, say) that would not be sent. The failure is reported
     * to the listeners as run reports it. A call that passes here still goes through the circuit in run.
     *
     * @throws dev.classifier.api.UnavailableException when the circuit refuses calls now
     */
    public void failFastIfUnreachable(Call call, Listener callListener) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(callListener, "callListener");
        try {
            circuit.rejectIfOpen(call.what());
        } catch (ClassificationException open) {
            report(callListener, call, 1, Duration.ZERO, open, Optional.empty(), Optional.empty());
            throw open;
        }
    }

    /** Maps a failed attempt, tells the circuit and the listener; returns the wait, or throws the error. */
    private Duration failed(Call call, Listener callListener, int attempt, OpenAIException e, Duration latency) {
        Optional<ConnectionFailure> unreachable = e instanceof OpenAIIoException ? ConnectionFailure.of(e)
                : Optional.empty();
        if (unreachable.isPresent()) {
            circuit.onConnectionFailure(unreachable.get(), e);
        } else {
            circuit.onAnswer();
        }
        Optional<ProviderError> provider = e instanceof OpenAIServiceException se
                ? Optional.of(ProviderErrors.describe(se, clock)) : Optional.empty();
        ClassificationException mapped = ProviderErrors.map(e, call.what(), call.model(), clock);
        ClassificationException error = provider.isPresent() && call.refiner().isPresent()
                ? Objects.requireNonNull(call.refiner().get().refine(provider.get(), mapped), "refined error")
                : mapped;
        if (error instanceof RateLimitedException limited) {
            limited.retryAfter().ifPresent(d -> limits.ifPresent(l -> l.pauseFor(d)));
        }
        boolean retried = circuit.state() == CircuitBreaker.State.CLOSED
                && (call.retries() == Retries.WHAT_MAY_PASS || unreachable.isPresent());
        Optional<Duration> wait = retried ? retryWait(error, attempt) : Optional.empty();
        report(callListener, call, attempt, latency, error, provider, wait);
        if (wait.isEmpty()) {
            throw error;
        }
        if (!retrying.getAndSet(true)) {
            LOG.warn("{}: {}; retrying in {} (attempt {} of {}); further retries are logged at DEBUG until a call"
                    + " succeeds", call.what(), error.getClass().getSimpleName(), wait.get(), attempt + 1,
                    retry.maxAttempts());
        } else {
            LOG.debug("{}: {}; retrying in {} (attempt {} of {})", call.what(), error.getClass().getSimpleName(),
                    wait.get(), attempt + 1, retry.maxAttempts());
        }
        return wait.get();
    }

    /** The wait before the next attempt, or empty when the failure goes to the caller. */
    private Optional<Duration> retryWait(ClassificationException error, int attempt) {
        if (!error.isRetryable() || attempt >= retry.maxAttempts()) {
            return Optional.empty();
        }
        if (error instanceof RateLimitedException limited && limited.retryAfter().isPresent()) {
            Duration asked = limited.retryAfter().get();
            return asked.compareTo(retry.maxRetryAfter()) <= 0 ? Optional.of(asked) : Optional.empty();
        }
        return Optional.of(retry.backoff(attempt, random.getAsDouble()));
    }

    private void report(Listener callListener, Call call, int attempt, Duration latency,
                        ClassificationException error, Optional<ProviderError> provider, Optional<Duration> wait) {
        FailedAttempt failure = new FailedAttempt(call.what(), attempt, latency, error, provider, wait);
        for (Listener l : new Listener[] {callListener, listener}) {
            try {
                l.onFailedAttempt(failure);
            } catch (RuntimeException e) {
                LOG.warn("a call listener failed ({}); the call goes on", e.getClass().getSimpleName());
            }
        }
    }

    private void sleep(Duration wait, Call call) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClassificationException(call.what() + ": interrupted while waiting to retry");
        }
    }

    /** The retry policy the calls follow. */
    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** The circuit the calls go through. */
    public CircuitBreaker circuitBreaker() {
        return circuit;
    }

    @Override
    public String toString() {
        return "OpenAiCalls[" + retry.maxAttempts() + " attempts, " + circuit + "]";
    }

    /** Settings; every setter checks its value at once. */
    public static final class Builder {
        private final OpenAIClient client;
        private RetryPolicy retry = RetryPolicy.defaults();
        private CircuitBreaker circuit;
        private RateLimits limits;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private Listener listener = Listener.none();
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(OpenAIClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** The breaker to go through (the client's shared one unless set). */
        public Builder circuitBreaker(CircuitBreaker value) {
            this.circuit = Objects.requireNonNull(value, "circuitBreaker");
            return this;
        }

        /** Limits to pause when a provider asks every caller to wait ({@code Retry-After} on a 429). */
        public Builder rateLimits(RateLimits value) {
            this.limits = Objects.requireNonNull(value, "rateLimits");
            return this;
        }

        /** The clock HTTP-date waits and the shared circuit read. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How waits between attempts are made. */
        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public Builder listener(Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Where backoff jitter comes from (values in [0,1); a fixed value makes waits exact in tests). */
        public Builder random(DoubleSupplier value) {
            this.random = Objects.requireNonNull(value, "random");
            return this;
        }

        public OpenAiCalls build() {
            return new OpenAiCalls(this);
        }
    }
}
