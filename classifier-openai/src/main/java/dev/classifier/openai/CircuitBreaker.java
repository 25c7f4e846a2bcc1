package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import dev.classifier.api.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Stops calling an endpoint that cannot be reached. After {@link Builder#threshold(int)} connection failures in a
 * row ({@link ConnectionFailure}: unknown host, refused, TLS, connect time-out, no answer) the circuit opens: every
 * further call fails at once with an {@link UnavailableException} that says since when the endpoint is
 * unreachable, instead of each waiting out its own time-outs and retries. After {@link Builder#openFor(Duration)}
 * (on the {@link Clock}) it half-opens: one call goes through as a probe while the others still fail at once; an
 * answer of any kind closes the circuit, another connection failure opens it again. One breaker is shared by every
 * call on a client ({@link #sharedFor}). Thread-safe.
 */
public final class CircuitBreaker {

    /** Connection failures in a row that open the circuit. */
    public static final int DEFAULT_THRESHOLD = 3;
    /** How long the circuit stays open before one probe is let through. */
    public static final Duration DEFAULT_OPEN_FOR = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);
    private static final Map<OpenAIClient, CircuitBreaker> BY_CLIENT =
            Collections.synchronizedMap(new WeakHashMap<>());

    /** Where the circuit is. */
    public enum State {
        /** Calls go through. */
        CLOSED,
        /** Calls fail at once. */
        OPEN,
        /** One probe goes through; the other calls fail at once. */
        HALF_OPEN
    }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failuresInARow;
    private Instant unreachableSince;
    private Instant openedAt;
    private ConnectionFailure lastFailure;
    private Throwable lastCause;
    private boolean probeOut;

    private CircuitBreaker(Builder b) {
        this.threshold = b.threshold;
        this.openFor = b.openFor;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The breaker shared by every call on this client, made on first use with the defaults and the given clock
     * (later callers get the same object whatever clock they pass). Held weakly: it goes when the client does.
     */
    public static CircuitBreaker sharedFor(OpenAIClient client, Clock clock) {
        Objects.requireNonNull(client, "client");
        return BY_CLIENT.computeIfAbsent(client, c -> builder().clock(clock).build());
    }

    /**
     * Lets a call through, or refuses it. Every call let through must be followed by one of {@link #onAnswer()},
     * {@link #onConnectionFailure} or {@link #onNoVerdict()}.
     *
     * @param what what the call is for, for the exception's message
     * @throws UnavailableException when the circuit is open (or half-open with its probe out)
     */
    public synchronized void beforeCall(String what) {
        if (state == State.CLOSED) {
            return;
        }
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
        }
        if (state == State.HALF_OPEN && !probeOut) {
            probeOut = true;
            LOG.info("the endpoint has been unreachable since {}: one call goes through to try it", unreachableSince);
            return;
        }
        throw refused(what);
    }

    /**
     * Fails as {@link #beforeCall} would now, but lets no call through and takes no probe: a caller can skip
     * preparing a call (rendering its prompt, say) that would not be sent. A call that passes here still goes
     * through {@link #beforeCall}.
     *
     * @param what what the call is for, for the exception's message
     * @throws UnavailableException when the circuit is open (or half-open with its probe out)
     */
    public synchronized void rejectIfOpen(String what) {
        boolean waitOver = state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor));
        if (state == State.OPEN && !waitOver || state == State.HALF_OPEN && probeOut) {
            throw refused(what);
        }
    }

    private UnavailableException refused(String what) {
        return new UnavailableException(what + ": not sent, the endpoint is unreachable since " + unreachableSince
                + " (" + failuresInARow + " connection failures in a row, the last: " + lastFailure.description()
                + "); calls fail at once until " + openedAt.plus(openFor) + ", when one is tried again", lastCause);
    }

    /** The provider answered (anything, even an error): the endpoint is reachable. */
    public synchronized void onAnswer() {
        if (state != State.CLOSED) {
            LOG.info("the endpoint answers again (unreachable since {})", unreachableSince);
        }
        state = State.CLOSED;
        failuresInARow = 0;
        unreachableSince = null;
        probeOut = false;
    }

    /** A call let through could not reach the provider; enough of these in a row open the circuit. */
    public synchronized void onConnectionFailure(ConnectionFailure kind, Throwable cause) {
        Instant now = clock.instant();
        if (failuresInARow == 0) {
            unreachableSince = now;
        }
        failuresInARow++;
        lastFailure = Objects.requireNonNull(kind, "kind");
        lastCause = cause;
        probeOut = false;
        if (state == State.HALF_OPEN || (state == State.CLOSED && failuresInARow >= threshold)) {
            if (state == State.CLOSED) {
                LOG.warn("the endpoint is unreachable since {} ({} connection failures in a row, the last: {}):"
                        + " calls fail at once for {}, then one is tried", unreachableSince, failuresInARow,
                        kind.description(), openFor);
            }
            state = State.OPEN;
            openedAt = now;
        }
    }

    /** A call let through ended with no word on the endpoint (interrupted before it was sent, say). */
    public synchronized void onNoVerdict() {
        probeOut = false;
    }

    /** The circuit's state now (an open circuit whose wait is over reads as half-open). */
    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }

    /** Since when the endpoint has failed to connect, while it does. */
    public synchronized Optional<Instant> unreachableSince() {
        return Optional.ofNullable(unreachableSince);
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state + ", opens after " + threshold + " connection failures, for " + openFor + "]";
    }

    /** Settings; {@link #build()} makes the breaker. */
    public static final class Builder {
        private int threshold = DEFAULT_THRESHOLD;
        private Duration openFor = DEFAULT_OPEN_FOR;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Connection failures in a row that open the circuit ({@value #DEFAULT_THRESHOLD} unless set). */
        public Builder threshold(int failures) {
            if (failures < 1) {
                throw new IllegalArgumentException("threshold must be >= 1, was " + failures);
            }
            this.threshold = failures;
            return this;
        }

        /** How long the circuit stays open before a probe (30 s unless set). */
        public Builder openFor(Duration duration) {
            Objects.requireNonNull(duration, "openFor");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("openFor must be positive, was " + duration);
            }
            this.openFor = duration;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public CircuitBreaker build() {
            return new CircuitBreaker(this);
        }
    }
}
