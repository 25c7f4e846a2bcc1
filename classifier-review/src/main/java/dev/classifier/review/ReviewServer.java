package dev.classifier.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The review page: one page and a JSON API over a {@link Classifier}, a {@link FeedbackStore} and the
 * {@link ReviewCandidates} to show, served by the JDK's own HTTP server on 127.0.0.1 unless told otherwise.
 *
 * <pre>{@code
 * try (ReviewServer server = ReviewServer.builder(classifier, store)
 *         .candidates(LeastConfidenceFirst.of(classifier, articles)).build().start()) {
 *     System.out.println("Review at " + server.pageUrl());   // carries the token in its #fragment
 *     ...
 * }
 * }</pre>
 *
 * Every API call carries a reviewer's token (configured with {@link Builder#reviewer}, or one generated for
 * {@code user.name}); every decision goes through {@link FeedbackStore#add} and is reported saved only after it
 * returned. Closing the server closes neither the classifier nor the store.
 */
public final class ReviewServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService executor;
    private final String host;
    private final Map<String, Reviewer> reviewersByToken;

    private ReviewServer(HttpServer http, ExecutorService executor, String host, Map<String, Reviewer> tokens) {
        this.http = http;
        this.executor = executor;
        this.host = host;
        this.reviewersByToken = tokens;
    }

    /**
     * A builder for a server over this classifier and store.
     *
     * @param classifier whose predictions are reviewed; its taxonomy gives the labels
     * @param store      where decisions go
     * @return the builder
     */
    public static Builder builder(Classifier classifier, FeedbackStore store) {
        return new Builder(classifier, store);
    }

    /** @return the port the server listens on */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return the page's address, without a token */
    public String baseUrl() {
        return "http://" + hostForUrl() + ":" + port();
    }

    /**
     * The address to open for a reviewer: the token rides in the fragment, which the browser never sends to a
     * server; the page reads it and takes it out of the address bar.
     *
     * @param reviewer a configured reviewer's name
     * @return the address with the reviewer's token
     */
    public String pageUrl(String reviewer) {
        return reviewersByToken.entrySet().stream().filter(e -> e.getValue().name().equals(reviewer))
                .map(e -> baseUrl() + "/#token=" + e.getKey()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no reviewer is named '" + reviewer + "'"));
    }

    /** @return the address with the first reviewer's token */
    public String pageUrl() {
        return pageUrl(reviewersByToken.values().iterator().next().name());
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Stops serving at once (a request under way may be cut off; its decision is then not reported saved). */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configures a review server; {@link #start()} validates and binds. */
    public static final class Builder {
        private final Classifier classifier;
        private final FeedbackStore store;
        private ReviewCandidates candidates;
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, Reviewer> reviewers = new LinkedHashMap<>();
        private Clock clock = Clock.systemDefaultZone();
        private int threads = 4;

        private Builder(Classifier classifier, FeedbackStore store) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            this.store = Objects.requireNonNull(store, "store");
        }

        /**
         * What to show, most worth a look first (the learning loop's review queue, or {@link LeastConfidenceFirst}).
         *
         * @param candidates the source of items
         * @return this builder
         */
        public Builder candidates(ReviewCandidates candidates) {
            this.candidates = Objects.requireNonNull(candidates, "candidates");
            return this;
        }

        /**
         * The address to listen on; 127.0.0.1 by default. Another address lets other machines reach the page:
         * do it only behind a TLS proxy, since tokens travel in every request.
         *
         * @param host an address or name of this machine
         * @return this builder
         */
        public Builder host(String host) {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host is blank");
            }
            this.host = host.strip();
            return this;
        }

        /**
         * @param port the port, or 0 (the default) for a free one
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * A reviewer and the token that names them; their decisions are recorded under the name.
         *
         * @param name  the reviewer's name
         * @param token at least 24 characters of letters, digits, '-' and '_'
         * @return this builder
         */
        public Builder reviewer(String name, String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 24 || !token.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException(
                        "a reviewer's token has at least 24 characters of letters, digits, '-' and '_'");
            }
            Reviewer reviewer = new Reviewer(name);
            if (reviewers.values().stream().anyMatch(r -> r.equals(reviewer))) {
                throw new IllegalArgumentException("reviewer '" + name + "' is configured twice");
            }
            if (reviewers.putIfAbsent(token, reviewer) != null) {
                throw new IllegalArgumentException("two reviewers have the same token");
            }
            return this;
        }

        /**
         * @param clock the clock decisions are stamped with; its zone decides what "today" is
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Binds and starts serving. With no reviewer configured, one named after {@code user.name} gets a fresh
         * token, printed once on standard output with the page's address.
         *
         * @return the running server
         * @throws UncheckedIOException if the address cannot be bound
         */
        public ReviewServer start() {
            if (candidates == null) {
                throw new IllegalStateException("say what to review with candidates(...)");
            }
            boolean generated = reviewers.isEmpty();
            if (generated) {
                reviewers.put(newToken(), new Reviewer(System.getProperty("user.name", "reviewer")));
            }
            HttpServer http;
            try {
                http = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 64);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            AtomicInteger count = new AtomicInteger();
            ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "review-http-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            int boundPort = http.getAddress().getPort();
            RequestGuard guard = new RequestGuard(hostNames(boundPort), reviewers);
            ReviewService service = new ReviewService(classifier, store, candidates, clock);
            http.createContext("/", new ReviewHttp(service, guard, new Assets(), new ObjectMapper()));
            http.setExecutor(executor);
            http.start();
            ReviewServer server = new ReviewServer(http, executor, host,
                    Collections.unmodifiableMap(new LinkedHashMap<>(reviewers)));
            if (generated) {
                System.out.println("Review page: " + server.pageUrl());
            }
            return server;
        }

        private Set<String> hostNames(int boundPort) {
            Set<String> names = new LinkedHashSet<>();
            String h = host.toLowerCase(Locale.ROOT);
            names.add((h.contains(":") ? "[" + h + "]" : h) + ":" + boundPort);
            if (h.equals("127.0.0.1") || h.equals("localhost") || h.equals("::1")) {
                names.add("127.0.0.1:" + boundPort);
                names.add("localhost:" + boundPort);
                names.add("[::1]:" + boundPort);
            }
            return names;
        }

        private static String newToken() {
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
