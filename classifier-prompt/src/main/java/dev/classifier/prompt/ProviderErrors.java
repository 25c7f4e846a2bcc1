package dev.classifier.prompt;

import com.openai.core.http.Headers;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import dev.classifier.api.BadOutputException;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.QuotaExceededException;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.UnauthorizedException;
import dev.classifier.api.UnavailableException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns openai-java's exceptions into the classifier API's, which say what a caller can do. Messages are built
 * from the status, the error's type and code and the request id only: never the provider's own wording (which
 * may quote part of the API key) and never article text. The SDK's exception stays as the cause, except for
 * authentication failures, whose provider message can hold a masked key.
 */
final class ProviderErrors {

    private static final String INSUFFICIENT_QUOTA = "insufficient_quota";

    private ProviderErrors() {
    }

    static ClassificationException map(OpenAIException e, String articleId, ResponseMode mode, Clock clock) {
        String what = "classifying article '" + articleId + "': ";
        if (e instanceof RateLimitException rate) {
            if (isQuota(rate)) {
                return new QuotaExceededException(what + "the account's quota is used up (" + details(rate)
                        + "); retrying will not help until its plan or billing is fixed", e);
            }
            Optional<Duration> wait = retryAfter(rate.headers(), clock);
            return new RateLimitedException(what + "rate limited by the provider (" + details(rate)
                    + wait.map(d -> ", retry after " + d).orElse("") + ")", wait.orElse(null), e);
        }
        if (e instanceof com.openai.errors.UnauthorizedException || e instanceof PermissionDeniedException) {
            OpenAIServiceException se = (OpenAIServiceException) e;
            return new UnauthorizedException(what + "the provider refused the credentials or the permission ("
                    + details(se) + "); check the API key, organization, project and model access", null);
        }
        if (e instanceof InternalServerException se) {
            return new UnavailableException(what + "the provider failed (" + details(se) + ")", e);
        }
        if (e instanceof OpenAIServiceException se && isRetryableStatus(se.statusCode())) {
            return new UnavailableException(what + "the provider could not serve the request now (" + details(se)
                    + ")", e);
        }
        if (e instanceof BadRequestException bad && mode == ResponseMode.JSON_SCHEMA
                && safe(bad::param).orElse("").startsWith("response_format")) {
            return new ClassificationException(what + "the server does not accept a json_schema response format ("
                    + details(bad) + "); build the classifier with responseMode(ResponseMode.JSON_OBJECT) or TEXT",
                    e);
        }
        if (e instanceof OpenAIServiceException se) {
            return new ClassificationException(what + "the provider rejected the request (" + details(se) + ")", e);
        }
        if (e instanceof OpenAIIoException) {
            return new UnavailableException(what + "the call failed on the network or timed out ("
                    + causeName(e) + ")", e);
        }
        if (e instanceof OpenAIInvalidDataException && e.getCause() instanceof IOException) {
            // A body that stalled or was cut short: transient, like a dropped connection.
            return new UnavailableException(what + "the provider's response could not be read ("
                    + causeName(e) + ")", e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return new BadOutputException(what + "the provider's response is not a valid chat completion", e);
        }
        return new ClassificationException(what + "the call failed (" + e.getClass().getSimpleName() + ")", e);
    }

    /** The provider's request id, when it answered. */
    static Optional<String> requestId(OpenAIException e) {
        if (e instanceof OpenAIServiceException se) {
            return se.headers().values("x-request-id").stream().findFirst();
        }
        return Optional.empty();
    }

    /**
     * The wait a provider asks for: {@code retry-after-ms} (milliseconds, as OpenAI sends it), else
     * {@code Retry-After} in seconds or as an HTTP date.
     */
    static Optional<Duration> retryAfter(Headers headers, Clock clock) {
        for (String value : headers.values("retry-after-ms")) {
            try {
                double millis = Double.parseDouble(value.strip());
                if (millis >= 0 && !Double.isInfinite(millis)) {
                    return Optional.of(Duration.ofNanos(Math.round(millis * 1_000_000)));
                }
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        for (String value : headers.values("retry-after")) {
            String v = value.strip();
            try {
                double seconds = Double.parseDouble(v);
                if (seconds >= 0 && !Double.isInfinite(seconds)) {
                    return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
                }
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration d = Duration.between(clock.instant(), at.toInstant());
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException ignored) {
                    // neither form: no advice
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isQuota(RateLimitException e) {
        return INSUFFICIENT_QUOTA.equals(safe(e::code).orElse(""))
                || INSUFFICIENT_QUOTA.equals(safe(e::type).orElse(""));
    }

    /** 408 and 409 (and 5xx, handled above) are what OpenAI documents as worth retrying. */
    private static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status >= 500;
    }

    /** "HTTP 429, type requests, code rate_limit_exceeded, request req_123": no provider wording. */
    static String details(OpenAIServiceException e) {
        List<String> parts = new ArrayList<>();
        parts.add("HTTP " + e.statusCode());
        safe(e::type).ifPresent(t -> parts.add("type " + t));
        safe(e::code).ifPresent(c -> parts.add("code " + c));
        safe(e::param).ifPresent(p -> parts.add("param " + p));
        requestId(e).map(ProviderErrors::shortToken).ifPresent(id -> parts.add("request " + id));
        return String.join(", ", parts);
    }

    private static String causeName(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    /** The SDK's accessors throw when the error body lacks a field; such a field is simply absent here. */
    private static Optional<String> safe(Supplier<Optional<String>> field) {
        try {
            return field.get().filter(s -> !s.isBlank()).map(ProviderErrors::shortToken);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Codes and types are short identifiers; anything else is cut, so no free text gets through. */
    private static String shortToken(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9_.\\-\\[\\]]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
