package dev.classifier.testkit.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every request goes through here: it is numbered, matched to a route, given its planned faults, checked for
 * its API key, handled, journaled, and answered (or stalled, cut short or dropped, as the faults say).
 */
final class RequestDispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());
    private static final String AZURE_PREFIX = "/openai/";
    private static final String DEPLOYMENTS = "/openai/deployments/";

    private final Router router;
    private final ApiKeyCheck keyCheck;
    private final FaultPlan faults;
    private final Journal journal;
    private final Clock clock;
    private final ApiMode mode;
    private final Ids ids;
    private final CountDownLatch closing;
    private final AtomicLong requests = new AtomicLong();

    RequestDispatcher(Router router, ApiKeyCheck keyCheck, FaultPlan faults, Journal journal, Clock clock, ApiMode mode,
                      Ids ids, CountDownLatch closing) {
        this.router = router;
        this.keyCheck = keyCheck;
        this.faults = faults;
        this.journal = journal;
        this.clock = clock;
        this.mode = mode;
        this.ids = ids;
        this.closing = closing;
    }

    /** Numbers requests from 1 again (after a reset). */
    void resetCount() {
        requests.set(0);
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            dispatch(exchange);
        } catch (IOException e) {
            // The client went away (a time-out, or a dropped connection it caused): nothing left to answer.
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "test server failed on " + exchange.getRequestURI().getPath(), e);
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        long number = requests.incrementAndGet();
        Instant receivedAt = clock.instant();
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));

        Optional<String> deployment = Optional.empty();
        String routedPath = path;
        boolean wrongApi = false;
        if (mode == ApiMode.AZURE_OPENAI) {
            if (path.startsWith(DEPLOYMENTS)) {
                String rest = path.substring(DEPLOYMENTS.length());
                int slash = rest.indexOf('/');
                deployment = slash > 0 ? Optional.of(rest.substring(0, slash)) : Optional.empty();
                routedPath = slash > 0 ? "/v1" + rest.substring(slash) : path;
            } else if (path.startsWith(AZURE_PREFIX)) {
                routedPath = "/v1/" + path.substring(AZURE_PREFIX.length());
            } else {
                wrongApi = true;
            }
        } else {
            wrongApi = !path.startsWith("/v1/");
        }
        Router.Result route = wrongApi ? new Router.Result(Optional.empty(), Optional.of(Router.Miss.NOT_FOUND))
                : router.find(method, routedPath);
        Optional<String> template = route.match().map(m -> m.route().template());
        FaultAction fault = faults.actionFor(number, method, path, template);
        ApiRequest request = new ApiRequest(number, method, path, template.orElse(path),
                route.match().map(Router.Match::params).orElse(Map.of()), query, headers, body, fault, receivedAt,
                deployment);

        if (fault.latency().isPresent()) {
            waitFor(fault.latency().get());
        }
        if (fault.dropConnection()) {
            record(request, 0);
            return; // closing the exchange before any response closes the connection
        }
        ApiResponse response = fault.error().isPresent() ? error(fault.error().get()) : answer(request, route);
        response = withStandardHeaders(response.withHeaders(fault.headers()),
                Duration.ofNanos(System.nanoTime() - started));
        record(request, response.status());
        send(exchange, response, fault);
    }

    private ApiResponse answer(ApiRequest request, Router.Result route) {
        try {
            keyCheck.check(request);
            if (mode == ApiMode.AZURE_OPENAI && request.query("api-version").isEmpty()) {
                throw ApiException.notFound("Resource not found: Azure OpenAI routes need an api-version query "
                        + "parameter.", "api-version", "404");
            }
            if (route.match().isEmpty()) {
                String what = "(" + request.method() + " " + request.path() + ")";
                throw route.miss().orElseThrow() == Router.Miss.WRONG_METHOD
                        ? new ApiException(405, ApiException.INVALID_REQUEST, "Invalid method for URL " + what,
                        Optional.empty(), Optional.empty(), Map.of())
                        : ApiException.notFound("Invalid URL " + what, null, null);
            }
            return route.match().get().route().handler().handle(request);
        } catch (ApiException e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "handler failed for " + request.method() + " " + request.path(), e);
            ApiException server = StandardErrors.serverError();
            return error(new ApiException(500, server.type(), server.getMessage() + " (test server: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", Optional.empty(), Optional.empty(),
                    Map.of()));
        }
    }

    private static ApiResponse error(ApiException e) {
        return ApiResponse.json(e.status(), ErrorEnvelope.of(e)).withHeaders(e.headers());
    }

    private ApiResponse withStandardHeaders(ApiResponse response, Duration processing) {
        Map<String, String> standard = new LinkedHashMap<>();
        standard.put("x-request-id", ids.hex("req_", 32));
        standard.put("openai-version", "2020-10-01");
        standard.put("openai-processing-ms", Long.toString(processing.toMillis()));
        standard.putAll(response.headers());
        return new ApiResponse(response.status(), response.contentType(), response.body(), standard);
    }

    private void record(ApiRequest request, int status) {
        Map<String, List<String>> masked = new HashMap<>(request.headers());
        for (String secret : List.of("authorization", "api-key")) {
            masked.computeIfPresent(secret, (k, v) -> List.of("***"));
        }
        journal.record(new JournalEntry(request.number(), request.receivedAt(), request.method(), request.path(),
                request.query(), request.routeTemplate(), masked, request.bodyText(), status,
                request.fault().describe()));
    }

    private void send(HttpExchange exchange, ApiResponse response, FaultAction fault) throws IOException {
        byte[] body = response.body();
        if (fault.malformedJson()) {
            body = Arrays.copyOf(body, Math.max(1, body.length / 2));
        }
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length == 0) {
            return;
        }
        try (OutputStream out = exchange.getResponseBody()) {
            if (fault.stall().isPresent()) {
                int half = body.length / 2;
                out.write(body, 0, half);
                out.flush();
                waitFor(fault.stall().get());
                out.write(body, half, body.length - half);
            } else {
                out.write(body);
            }
        }
    }

    /** Waits on the wall clock, ending early when the server closes. */
    private void waitFor(Duration duration) {
        try {
            closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }
}
