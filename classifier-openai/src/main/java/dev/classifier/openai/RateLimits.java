package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.WeakHashMap;

/**
 * Client-side limits on requests and tokens per minute, so that a large batch is spread over time instead of
 * becoming a storm of 429s. One object is meant to be shared by every classifier that calls one account: by
 * default a prompt classifier uses {@link #sharedFor(OpenAIClient, Clock, Sleeper)}, the limits of its client.
 *
 * <p>Each dimension is a generic cell-rate algorithm (a token bucket kept as one "theoretical arrival time"): a
 * request may start once both its request and its tokens fit, where tokens are estimated before the call (prompt
 * plus the completion limit, as OpenAI counts them) and {@linkplain #settle corrected} by the usage the answer
 * reports. Up to {@code burst} worth of the per-minute rate may go at once; after that requests are spaced evenly.
 * A 429 with {@code Retry-After} {@linkplain #pauseFor pauses} every caller, not just the one that got it.
 *
 * <p>With {@link Builder#adoptServerLimits(boolean)} (on by default) the limits follow what the provider reports in
 * its {@code x-ratelimit-limit-requests} and {@code x-ratelimit-limit-tokens} headers. Waiting goes through the
 * {@link Sleeper} and the {@link Clock}, so tests drive time. Thread-safe.
 */
public final class RateLimits {

    /** OpenAI's tier-1 limits for gpt-4o-mini: 500 requests and 200,000 tokens a minute. */
    public static final int TIER1_REQUESTS_PER_MINUTE = 500;
    public static final long TIER1_TOKENS_PER_MINUTE = 200_000;
    public static final Duration DEFAULT_BURST = Duration.ofSeconds(1);

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;
    private static final Map<OpenAIClient, RateLimits> BY_CLIENT = Collections.synchronizedMap(new WeakHashMap<>());

    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration burst;
    private final boolean adoptServerLimits;
    private final boolean unlimited;
    /** Times are kept in nanoseconds from this instant, small enough for a double to hold exactly. */
    private final Instant origin;
    private long requestsPerMinute;
    private long tokensPerMinute;
    /** Nanoseconds between requests, and per token, at the limit (0 = no limit). */
    private double requestInterval;
    private double tokenInterval;
    private double requestTolerance;
    private double tokenTolerance;
    /** When the next request and the next token would be due if sent at the limit. */
    private double requestsDueAt;
    private double tokensDueAt;
    private long pausedUntil;
    private long throttled;
    private long waitedNanos;

    private RateLimits(Builder b) {
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.burst = b.burst;
        this.adoptServerLimits = b.adoptServerLimits;
        this.unlimited = b.unlimited;
        this.origin = clock.instant();
        setLimits(b.requestsPerMinute, b.tokensPerMinute);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No limits (a local server, or a benchmark); a provider's pause after a 429 is still honoured. */
    public static RateLimits unlimited() {
        return builder().unlimited().build();
    }

    /** Limits of this many requests and tokens a minute, on the system clock, adopting the server's limits. */
    public static RateLimits perMinute(int requests, long tokens) {
        return builder().requestsPerMinute(requests).tokensPerMinute(tokens).build();
    }

    /**
     * The limits shared by every classifier on this client: made on first use with OpenAI's tier-1 gpt-4o-mini
     * limits (adopting the server's limits once it reports them) and the given clock and sleeper; later callers
     * get the same object whatever clock they pass. Held weakly: it goes when the client does.
     */
    public static RateLimits sharedFor(OpenAIClient client, Clock clock, Sleeper sleeper) {
        Objects.requireNonNull(client, "client");
        return BY_CLIENT.computeIfAbsent(client, c -> builder().clock(clock).sleeper(sleeper).build());
    }

    /**
     * Waits until a request of about {@code estimatedTokens} may start, and books it.
     *
     * @return how long it waited
     */
    public Duration acquire(long estimatedTokens) throws InterruptedException {
        if (estimatedTokens < 0) {
            throw new IllegalArgumentException("estimatedTokens must be >= 0, was " + estimatedTokens);
        }
        long wait = reserve(estimatedTokens);
        if (wait > 0) {
            sleeper.sleep(Duration.ofNanos(wait));
        }
        return Duration.ofNanos(wait);
    }

    /** Corrects a booking made with {@code estimatedTokens} by the tokens the call really used. */
    public synchronized void settle(long estimatedTokens, long actualTokens) {
        tokensDueAt += (actualTokens - estimatedTokens) * tokenInterval;
    }

    /** Holds every caller back for {@code duration} from now (the provider said to wait). */
    public synchronized void pauseFor(Duration duration) {
        long until = now() + Math.max(0, duration.toNanos());
        pausedUntil = Math.max(pausedUntil, until);
    }

    /** Takes the limits a provider reports in its headers, when this object adopts them. */
    public synchronized void observeServerLimits(OptionalLong requests, OptionalLong tokens) {
        if (!adoptServerLimits || unlimited) {
            return;
        }
        long newRequests = requests.orElse(requestsPerMinute);
        long newTokens = tokens.orElse(tokensPerMinute);
        if (newRequests > 0 && newTokens > 0 && (newRequests != requestsPerMinute || newTokens != tokensPerMinute)) {
            setLimits(newRequests, newTokens);
        }
    }

    public synchronized long requestsPerMinute() {
        return unlimited ? Long.MAX_VALUE : requestsPerMinute;
    }

    public synchronized long tokensPerMinute() {
        return unlimited ? Long.MAX_VALUE : tokensPerMinute;
    }

    /** How many requests had to wait, and how long in all. */
    public synchronized Stats stats() {
        return new Stats(throttled, Duration.ofNanos(waitedNanos));
    }

    /** Requests held back by these limits and the total time they waited. */
    public record Stats(long throttledRequests, Duration totalWait) {
    }

    private synchronized long reserve(long tokens) {
        long now = now();
        double start = Math.max(now, pausedUntil);
        if (!unlimited) {
            start = Math.max(start, requestsDueAt - requestTolerance);
            start = Math.max(start, tokensDueAt - tokenTolerance);
            requestsDueAt = Math.max(requestsDueAt, start) + requestInterval;
            tokensDueAt = Math.max(tokensDueAt, start) + tokens * tokenInterval;
        }
        long wait = (long) Math.ceil(start - now);
        if (wait > 0) {
            throttled++;
            waitedNanos += wait;
        }
        return Math.max(0, wait);
    }

    private void setLimits(long requests, long tokens) {
        this.requestsPerMinute = requests;
        this.tokensPerMinute = tokens;
        if (unlimited) {
            return;
        }
        requestInterval = (double) NANOS_PER_MINUTE / requests;
        tokenInterval = (double) NANOS_PER_MINUTE / tokens;
        double burstNanos = burst.toNanos();
        // At least one request may always start at once; a burst holds whole requests only.
        double burstRequests = Math.max(1, Math.floor(burstNanos / requestInterval));
        requestTolerance = (burstRequests - 1) * requestInterval;
        tokenTolerance = burstNanos;
    }

    private long now() {
        return Duration.between(origin, clock.instant()).toNanos();
    }

    @Override
    public synchronized String toString() {
        return unlimited ? "RateLimits[unlimited]"
                : "RateLimits[" + requestsPerMinute + " requests/min, " + tokensPerMinute + " tokens/min, burst "
                + burst + (adoptServerLimits ? ", adopting server limits" : "") + "]";
    }

    /** Settings; {@link #build()} checks them. */
    public static final class Builder {
        private long requestsPerMinute = TIER1_REQUESTS_PER_MINUTE;
        private long tokensPerMinute = TIER1_TOKENS_PER_MINUTE;
        private Duration burst = DEFAULT_BURST;
        private boolean adoptServerLimits = true;
        private boolean unlimited;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();

        private Builder() {
        }

        public Builder requestsPerMinute(long requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("requestsPerMinute must be >= 1, was " + requests);
            }
            this.requestsPerMinute = requests;
            return this;
        }

        public Builder tokensPerMinute(long tokens) {
            if (tokens < 1) {
                throw new IllegalArgumentException("tokensPerMinute must be >= 1, was " + tokens);
            }
            this.tokensPerMinute = tokens;
            return this;
        }

        /** How much of the per-minute rate may go at once (1 s unless set; at least one request always may). */
        public Builder burst(Duration duration) {
            Objects.requireNonNull(duration, "burst");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("burst must not be negative, was " + duration);
            }
            this.burst = duration;
            return this;
        }

        /** Whether to take the limits the provider reports in {@code x-ratelimit-limit-*} headers (default true). */
        public Builder adoptServerLimits(boolean adopt) {
            this.adoptServerLimits = adopt;
            return this;
        }

        /** No request or token limits. */
        public Builder unlimited() {
            this.unlimited = true;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder sleeper(Sleeper value) {
            this.sleeper = Objects.requireNonNull(value, "sleeper");
            return this;
        }

        public RateLimits build() {
            return new RateLimits(this);
        }
    }
}
