package dev.classifier.testkit.openai;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * One planned fault: which requests it hits (chosen by {@link FaultPlan}) and what it does to them. The methods
 * add to what it does and return the rule, so they chain:
 * {@code faults.onEndpoint("/v1/chat/completions").nth(2).status(429).retryAfter(Duration.ofSeconds(1))}.
 * A rule takes effect as soon as it is made; it is safe to change while requests run.
 */
public final class FaultRule {

    private final String target;
    private final EndpointFilter filter;
    private final LongPredicate selector;
    private final boolean byServerNumber;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();
    private volatile FaultAction action = FaultAction.NONE;

    FaultRule(String target, EndpointFilter filter, LongPredicate selector, boolean byServerNumber) {
        this.target = target;
        this.filter = filter;
        this.selector = selector;
        this.byServerNumber = byServerNumber;
    }

    /** Which requests a rule looks at: a method (or any) and a path or route template (or any). */
    record EndpointFilter(Optional<String> method, Optional<String> path) {

        static final EndpointFilter ANY = new EndpointFilter(Optional.empty(), Optional.empty());

        boolean matches(String requestMethod, String requestPath, Optional<String> template) {
            if (method.isPresent() && !method.get().equalsIgnoreCase(requestMethod)) {
                return false;
            }
            return path.isEmpty() || path.get().equals(requestPath)
                    || template.map(t -> t.equals(path.get())).orElse(false);
        }
    }

    /** The action for this request if the rule hits it; counts the requests it looks at. */
    Optional<FaultAction> apply(long serverNumber, String method, String path, Optional<String> template) {
        if (!filter.matches(method, path, template)) {
            return Optional.empty();
        }
        long n = byServerNumber ? serverNumber : seen.incrementAndGet();
        FaultAction current = action;
        if (!selector.test(n) || current.isNone()) {
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(current);
    }

    /** How many requests this rule has hit so far. */
    public long hits() {
        return hits.get();
    }

    /**
     * Answer with this HTTP status and an error body as OpenAI sends it for that status (429: rate limit
     * reached; 500, 502, 503: server errors; 400, 401, 403, 404, 409, 422: the matching client errors).
     */
    public FaultRule status(int status) {
        return error(StandardErrors.forStatus(status));
    }

    /** Answer with this status and an error envelope of this type and message ({@code code} null). */
    public FaultRule error(int status, String type, String message) {
        return error(status, type, Optional.empty(), message);
    }

    /** Answer with this status and an error envelope of this type, code and message. */
    public FaultRule error(int status, String type, String code, String message) {
        return error(status, type, Optional.of(Objects.requireNonNull(code, "code")), message);
    }

    private FaultRule error(int status, String type, Optional<String> code, String message) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a fault status must be 4xx or 5xx, was " + status);
        }
        return error(new ApiException(status, type, message, Optional.empty(), code, Map.of()));
    }

    /** 429 {@code rate_limit_exceeded} with the {@code x-ratelimit-*} headers showing nothing left. */
    public FaultRule rateLimited() {
        return status(429).rateLimitHeaders();
    }

    /** 429 {@code insufficient_quota}: no {@code Retry-After}, because waiting does not help. */
    public FaultRule insufficientQuota() {
        return error(StandardErrors.insufficientQuota());
    }

    /** Adds {@code Retry-After} in whole seconds (at least 1, rounded up), as OpenAI sends it on a 429. */
    public FaultRule retryAfter(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        return header("Retry-After", Long.toString(seconds));
    }

    /** Adds {@code retry-after-ms}, which the openai-java client prefers to {@code Retry-After}. */
    public FaultRule retryAfterMs(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("retry-after-ms must not be negative, was " + millis);
        }
        return header("retry-after-ms", Long.toString(millis));
    }

    /** Adds the six {@code x-ratelimit-*} headers, with no requests and no tokens remaining. */
    public FaultRule rateLimitHeaders() {
        RateLimitHeaders.exhausted().forEach(this::header);
        return this;
    }

    public FaultRule header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        update(a -> a.withHeader(name, value));
        return this;
    }

    /** Waits this long, on the wall clock, before answering. Meant for throughput benchmarks; keep it short in tests. */
    public FaultRule latency(Duration duration) {
        requirePositive(duration, "latency");
        update(a -> a.withLatency(duration));
        return this;
    }

    /**
     * Sends the status, the headers and half the body, then stalls this long (wall clock) before the rest: a
     * client whose read time-out is shorter gives up. The stall ends early when the server closes.
     */
    public FaultRule stallBody(Duration duration) {
        requirePositive(duration, "stall");
        update(a -> a.withStall(duration));
        return this;
    }

    /** Closes the connection without answering. */
    public FaultRule dropConnection() {
        update(FaultAction::withDropConnection);
        return this;
    }

    /** Answers with a body cut in half, so that it is not valid JSON. */
    public FaultRule malformedJson() {
        update(FaultAction::withMalformedJson);
        return this;
    }

    /** (chat completions) The model refuses: {@code content} null, {@code refusal} set. */
    public FaultRule refusal() {
        return refusal("I'm sorry, but I can't help with that request.");
    }

    public FaultRule refusal(String message) {
        Objects.requireNonNull(message, "message");
        update(a -> a.withRefusal(message));
        return this;
    }

    /** (chat completions) The answer stops short, mid-JSON, with {@code finish_reason: length}. */
    public FaultRule finishReasonLength() {
        update(FaultAction::withFinishLength);
        return this;
    }

    /** (chat completions) The answer names this label even when the request's schema does not allow it. */
    public FaultRule labelOutsideEnum(String label) {
        Objects.requireNonNull(label, "label");
        update(a -> a.withLabelOutside(label));
        return this;
    }

    private FaultRule error(ApiException e) {
        update(a -> a.withError(e));
        return this;
    }

    private synchronized void update(java.util.function.UnaryOperator<FaultAction> change) {
        action = change.apply(action);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    @Override
    public String toString() {
        return "FaultRule[" + target + ": " + action.describe() + ", hits=" + hits.get() + "]";
    }
}
