package dev.classifier.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Routes every request: the page's files, and the JSON API behind the guard. */
final class ReviewHttp implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(ReviewHttp.class);

    static final int MAX_BODY_BYTES = 32 * 1024;
    static final int MAX_ITEMS = 100;

    /** Nothing but the page's own files runs or loads; the page cannot be framed, nor post anywhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final ReviewService service;
    private final RequestGuard guard;
    private final Assets assets;
    private final ObjectMapper mapper;
    private final ReviewJson json;

    ReviewHttp(ReviewService service, RequestGuard guard, Assets assets, ObjectMapper mapper) {
        this.service = service;
        this.guard = guard;
        this.assets = assets;
        this.mapper = mapper;
        this.json = new ReviewJson(mapper);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            securityHeaders(exchange);
            try {
                guard.checkHost(exchange);
                String path = exchange.getRequestURI().getRawPath();
                if (path.startsWith("/api/")) {
                    api(exchange, path);
                } else {
                    asset(exchange, path);
                }
            } catch (ReviewException e) {
                send(exchange, e.status(), json.error(e));
            } catch (FeedbackStoreException e) {
                log.warn("the feedback store failed during a review request: {}", e.getMessage());
                send(exchange, 503, json.error(new ReviewException(503, "store-failed",
                        "the feedback store failed; the decision is not known to be saved, sending it again is safe")));
            } catch (RuntimeException e) {
                log.error("review request failed", e);
                send(exchange, 500, json.error(new ReviewException(500, "internal", "the server failed")));
            }
        }
    }

    private void asset(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            throw new ReviewException(405, "method", "the page's files are read with GET");
        }
        Assets.Asset asset = assets.get(path)
                .orElseThrow(() -> ReviewException.notFound("no-such-path", "nothing is served at this path"));
        exchange.getResponseHeaders().set("Content-Type", asset.contentType());
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(200, head ? -1 : asset.bytes().length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(asset.bytes());
            }
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        Reviewer reviewer = guard.reviewer(exchange);
        String method = exchange.getRequestMethod();
        switch (path) {
            case "/api/session" -> {
                requireMethod(method, "GET");
                send(exchange, 200, json.session(reviewer, service.taxonomy()));
            }
            case "/api/items" -> {
                requireMethod(method, "GET");
                int limit = limit(exchange.getRequestURI());
                send(exchange, 200, json.items(service.items(limit, Set.of())));
            }
            case "/api/stats" -> {
                requireMethod(method, "GET");
                send(exchange, 200, json.stats(service.stats()));
            }
            case "/api/decisions" -> {
                requireMethod(method, "POST");
                guard.checkWrite(exchange);
                JsonNode body = body(exchange);
                ReviewService.Outcome outcome = service.decide(reviewer, text(body, "item", true),
                        text(body, "label", true), text(body, "reason", false));
                if (outcome.saved()) {
                    send(exchange, 201, json.saved(outcome));
                } else {
                    send(exchange, 409, json.taken(outcome));
                }
            }
            case "/api/undo" -> {
                requireMethod(method, "POST");
                guard.checkWrite(exchange);
                JsonNode body = body(exchange);
                ReviewService.Item item = service.undo(reviewer, text(body, "feedbackId", true));
                ObjectNode answer = mapper.createObjectNode();
                answer.put("undone", true);
                answer.set("item", json.item(item));
                send(exchange, 200, answer);
            }
            default -> throw ReviewException.notFound("no-such-path", "the API has no endpoint at this path");
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw new ReviewException(405, "method", "this endpoint takes " + expected);
        }
    }

    private static int limit(URI uri) {
        String query = Optional.ofNullable(uri.getRawQuery()).orElse("");
        int limit = 20;
        for (String pair : query.split("&")) {
            if (pair.startsWith("limit=")) {
                String value = pair.substring("limit=".length());
                if (!value.matches("[0-9]{1,3}")) {
                    throw ReviewException.badRequest("bad-limit", "limit is a number from 1 to " + MAX_ITEMS);
                }
                limit = Integer.parseInt(value);
            }
        }
        if (limit < 1 || limit > MAX_ITEMS) {
            throw ReviewException.badRequest("bad-limit", "limit is a number from 1 to " + MAX_ITEMS);
        }
        return limit;
    }

    private JsonNode body(HttpExchange exchange) throws IOException {
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ReviewException(413, "too-large", "a request body has at most " + MAX_BODY_BYTES + " bytes");
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ReviewException.badRequest("bad-json", "the body is not a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw ReviewException.badRequest("bad-json", "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw ReviewException.badRequest("bad-json", "the body is not valid UTF-8 JSON");
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw ReviewException.badRequest("missing-field", "the body has no '" + field + "'");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw ReviewException.badRequest("bad-field", "'" + field + "' is a string");
        }
        return value.textValue();
    }

    private static void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        headers.set("Cache-Control", "no-store");
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
