package dev.classifier.testkit.openai;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The faults the server injects: pick requests by endpoint and by their number, then say what goes wrong.
 * <pre>{@code
 * server.faults().onEndpoint("/v1/chat/completions").nth(2).status(429).retryAfter(Duration.ofSeconds(1));
 * server.faults().onEndpoint("POST", "/v1/files").first(1).status(500);
 * server.faults().onRequest(3).dropConnection();
 * }</pre>
 * An endpoint is named by its path ({@code /v1/files}) or by its route template ({@code /v1/files/{file_id}}).
 * A rule counts the requests to its endpoint from the moment it is made. When several rules hit one request,
 * their actions are merged; for each part (status, latency, ...) the rule made first wins.
 */
public final class FaultPlan {

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();

    FaultPlan() {
    }

    /** Requests to this path or route template, any method. */
    public Target onEndpoint(String pathOrTemplate) {
        Objects.requireNonNull(pathOrTemplate, "pathOrTemplate");
        return new Target(pathOrTemplate, new FaultRule.EndpointFilter(Optional.empty(), Optional.of(pathOrTemplate)));
    }

    /** Requests with this method to this path or route template. */
    public Target onEndpoint(String method, String pathOrTemplate) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathOrTemplate, "pathOrTemplate");
        return new Target(method + " " + pathOrTemplate,
                new FaultRule.EndpointFilter(Optional.of(method), Optional.of(pathOrTemplate)));
    }

    /** Requests to any endpoint. */
    public Target onAnyEndpoint() {
        return new Target("any endpoint", FaultRule.EndpointFilter.ANY);
    }

    /** The request with this number in the server's own count (see {@link JournalEntry#number()}), from 1. */
    public FaultRule onRequest(long number) {
        requireNumber(number);
        return add(new FaultRule("request #" + number, FaultRule.EndpointFilter.ANY, n -> n == number, true));
    }

    /** Removes every rule. */
    public void clear() {
        rules.clear();
    }

    public List<FaultRule> rules() {
        return List.copyOf(rules);
    }

    /** The merged action of every rule that hits this request; {@link FaultAction#NONE} if none does. */
    FaultAction actionFor(long serverNumber, String method, String path, Optional<String> template) {
        FaultAction merged = FaultAction.NONE;
        for (FaultRule rule : rules) {
            Optional<FaultAction> action = rule.apply(serverNumber, method, path, template);
            if (action.isPresent()) {
                merged = merged.orElse(action.get());
            }
        }
        return merged;
    }

    private FaultRule add(FaultRule rule) {
        rules.add(rule);
        return rule;
    }

    private static void requireNumber(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("requests are counted from 1, got " + n);
        }
    }

    /** The requests of one endpoint; choose which of them the fault hits. */
    public final class Target {
        private final String description;
        private final FaultRule.EndpointFilter filter;

        private Target(String description, FaultRule.EndpointFilter filter) {
            this.description = description;
            this.filter = filter;
        }

        /** Only the n-th request (from 1). */
        public FaultRule nth(long n) {
            requireNumber(n);
            return add(new FaultRule(description + " #" + n, filter, k -> k == n, false));
        }

        /** The first n requests. */
        public FaultRule first(long n) {
            requireNumber(n);
            return add(new FaultRule(description + " first " + n, filter, k -> k <= n, false));
        }

        /** Requests from..to, both included. */
        public FaultRule requests(long from, long to) {
            requireNumber(from);
            if (to < from) {
                throw new IllegalArgumentException("empty range " + from + ".." + to);
            }
            return add(new FaultRule(description + " #" + from + ".." + to, filter, k -> k >= from && k <= to,
                    false));
        }

        /** Every k-th request: the k-th, the 2k-th, ... */
        public FaultRule every(long k) {
            requireNumber(k);
            return add(new FaultRule(description + " every " + k, filter, n -> n % k == 0, false));
        }

        /** Every request. */
        public FaultRule always() {
            return add(new FaultRule(description + " always", filter, n -> true, false));
        }
    }
}
