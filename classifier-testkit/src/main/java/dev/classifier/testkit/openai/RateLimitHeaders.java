package dev.classifier.testkit.openai;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The six {@code x-ratelimit-*} headers OpenAI sends on every chat completion, counted in one-minute windows of
 * the server's clock (a simulation: OpenAI refills continuously). The server reports; it does not enforce.
 */
final class RateLimitHeaders {

    private final int requestsPerMinute;
    private final long tokensPerMinute;
    private final Clock clock;
    private Instant windowStart = Instant.EPOCH;
    private int requests;
    private long tokens;

    RateLimitHeaders(int requestsPerMinute, long tokensPerMinute, Clock clock) {
        this.requestsPerMinute = requestsPerMinute;
        this.tokensPerMinute = tokensPerMinute;
        this.clock = clock;
    }

    /** Counts one request of this many tokens and gives the headers to send with its answer. */
    synchronized Map<String, String> record(long requestTokens) {
        Instant now = clock.instant();
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (!minute.equals(windowStart)) {
            windowStart = minute;
            requests = 0;
            tokens = 0;
        }
        requests++;
        tokens += requestTokens;
        Duration reset = Duration.between(now, minute.plusSeconds(60));
        return headers(requestsPerMinute, Math.max(0, requestsPerMinute - requests), tokensPerMinute,
                Math.max(0, tokensPerMinute - tokens), reset, reset);
    }

    /** The headers of a 429: nothing remaining. */
    static Map<String, String> exhausted() {
        return headers(500, 0, 200_000, 0, Duration.ofMillis(120), Duration.ofSeconds(6));
    }

    private static Map<String, String> headers(long limitRequests, long remainingRequests, long limitTokens,
                                               long remainingTokens, Duration resetRequests, Duration resetTokens) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("x-ratelimit-limit-requests", Long.toString(limitRequests));
        h.put("x-ratelimit-limit-tokens", Long.toString(limitTokens));
        h.put("x-ratelimit-remaining-requests", Long.toString(remainingRequests));
        h.put("x-ratelimit-remaining-tokens", Long.toString(remainingTokens));
        h.put("x-ratelimit-reset-requests", format(resetRequests));
        h.put("x-ratelimit-reset-tokens", format(resetTokens));
        return h;
    }

    /** Durations as OpenAI writes them: {@code 41ms}, {@code 1s}, {@code 6m0s}, {@code 1.5s}. */
    static String format(Duration d) {
        long millis = Math.max(0, d.toMillis());
        if (millis < 1000) {
            return millis + "ms";
        }
        long minutes = millis / 60_000;
        long restMillis = millis % 60_000;
        String seconds = restMillis % 1000 == 0 ? Long.toString(restMillis / 1000)
                : Double.toString(restMillis / 1000.0).replaceAll("0+$", "");
        return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
    }
}
