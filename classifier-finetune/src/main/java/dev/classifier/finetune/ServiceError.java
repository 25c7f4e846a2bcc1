package dev.classifier.finetune;

import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an openai-java failure means for a fine-tuning step: whether the request was refused (and it is certain
 * nothing happened), may have taken effect (a 5xx, a dropped connection, an unreadable answer), or should be tried
 * later (a rate limit). The message is the service's own, without the SDK's status prefix.
 */
record ServiceError(Kind kind, OptionalInt status, Optional<String> code, Optional<String> param, String message,
                    Optional<Duration> retryAfter, OpenAIException cause) {

    enum Kind {
        /** 400, 404, 409, 422 and other client errors: the request was refused as it is. */
        INVALID,
        /** 401, 403: credentials or permission. */
        REFUSED,
        /** 429 insufficient_quota: no credit. */
        QUOTA,
        /** 429: slow down; nothing was done. */
        RATE_LIMITED,
        /** 5xx, a dropped or timed-out connection, an unreadable answer: it may or may not have been done. */
        UNCLEAR
    }

    static ServiceError of(OpenAIException e) {
        if (e instanceof OpenAIServiceException se) {
            int status = se.statusCode();
            Optional<String> code = safe(se::code);
            Kind kind;
            if (status == 429) {
                kind = code.filter("insufficient_quota"::equals).isPresent() ? Kind.QUOTA : Kind.RATE_LIMITED;
            } else if (status == 401 || status == 403) {
                kind = Kind.REFUSED;
            } else if (status == 408 || status >= 500) {
                kind = Kind.UNCLEAR;
            } else {
                kind = Kind.INVALID;
            }
            return new ServiceError(kind, OptionalInt.of(status), code, safe(se::param), serviceMessage(se),
                    retryAfter(se), e);
        }
        String what = e instanceof OpenAIIoException ? "the connection failed"
                : e instanceof OpenAIInvalidDataException ? "the answer could not be read" : "the call failed";
        String cause = e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : "";
        return new ServiceError(Kind.UNCLEAR, OptionalInt.empty(), Optional.empty(), Optional.empty(), what + cause,
                Optional.empty(), e);
    }

    /** Whether the request may have taken effect although it failed. */
    boolean unclear() {
        return kind == Kind.UNCLEAR;
    }

    /** Whether waiting and trying again may work. */
    boolean transientFailure() {
        return kind == Kind.UNCLEAR || kind == Kind.RATE_LIMITED;
    }

    /** "403 fine_tuning_unavailable: ..." or "the connection failed (SocketTimeoutException)". */
    String describe() {
        StringBuilder out = new StringBuilder();
        status.ifPresent(s -> out.append(s).append(' '));
        code.ifPresent(c -> out.append(c).append(' '));
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
            out.append(": ");
        }
        return out.append(message).toString();
    }

    FineTuningUnavailableException unavailable(String doing) {
        return new FineTuningUnavailableException(doing + " failed: " + describe(), status, code, cause);
    }

    /** How long the service asked us to wait ({@code retry-after-ms}, else {@code Retry-After} in seconds). */
    private static Optional<Duration> retryAfter(OpenAIServiceException e) {
        try {
            List<String> millis = e.headers().values("retry-after-ms");
            if (!millis.isEmpty()) {
                return Optional.of(Duration.ofMillis(Long.parseLong(millis.get(0).trim())));
            }
            List<String> seconds = e.headers().values("retry-after");
            if (!seconds.isEmpty()) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(seconds.get(0).trim())));
            }
        } catch (NumberFormatException ignored) {
            // An HTTP date or garbage: fall back to our own delay.
        }
        return Optional.empty();
    }

    private static String serviceMessage(OpenAIServiceException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.matches("(?s)\\d{3}: .*") ? message.substring(5) : message;
    }

    /** The SDK throws on some accessors when the error body lacks a field. */
    private static Optional<String> safe(java.util.function.Supplier<Optional<String>> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
