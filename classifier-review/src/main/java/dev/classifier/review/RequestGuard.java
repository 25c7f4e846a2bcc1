package dev.classifier.review;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every API request passes before it is read: the Host names this server (so a page on another site
 * that rebinds its DNS name to 127.0.0.1 gets nothing), the token names a reviewer, and a write comes from this
 * server's own page (its {@code Origin} and {@code Sec-Fetch-Site}, when the browser sends them, say so; a cross-site
 * page cannot send the token header without a CORS approval this server never gives).
 */
final class RequestGuard {

    static final String TOKEN_HEADER = "X-Review-Token";

    private final Set<String> hosts;
    private final Map<String, Reviewer> reviewersByToken;

    RequestGuard(Set<String> hosts, Map<String, Reviewer> reviewersByToken) {
        this.hosts = Set.copyOf(hosts);
        this.reviewersByToken = Map.copyOf(reviewersByToken);
    }

    /** Refuses a Host header that does not name this server. */
    void checkHost(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new ReviewException(403, "wrong-host", "the Host header does not name this server");
        }
    }

    /** The reviewer the request's token names. */
    Reviewer reviewer(HttpExchange exchange) {
        List<String> tokens = exchange.getRequestHeaders().get(TOKEN_HEADER);
        if (tokens == null || tokens.isEmpty()) {
            throw new ReviewException(401, "no-token", "the request has no " + TOKEN_HEADER + " header");
        }
        if (tokens.size() > 1) {
            throw new ReviewException(401, "bad-token", "the request has more than one token");
        }
        byte[] given = tokens.get(0).getBytes(StandardCharsets.UTF_8);
        Optional<Reviewer> found = Optional.empty();
        for (Map.Entry<String, Reviewer> entry : reviewersByToken.entrySet()) {
            // Compared in constant time, and every token is compared, so timing tells nothing.
            if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = Optional.of(entry.getValue());
            }
        }
        return found.orElseThrow(() -> new ReviewException(401, "bad-token", "the token is not valid"));
    }

    /** Refuses a write that a page of another origin sent, and a body that is not JSON. */
    void checkWrite(HttpExchange exchange) {
        Headers headers = exchange.getRequestHeaders();
        String origin = headers.getFirst("Origin");
        if (origin != null && !isOwnOrigin(origin)) {
            throw new ReviewException(403, "cross-origin", "writes are accepted only from the review page itself");
        }
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new ReviewException(403, "cross-origin", "writes are accepted only from the review page itself");
        }
        String type = headers.getFirst("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ReviewException(415, "not-json", "a write's body is JSON (Content-Type: application/json)");
        }
    }

    private boolean isOwnOrigin(String origin) {
        String prefix = "http://";
        return origin.startsWith(prefix) && hosts.contains(origin.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT));
    }
}
