package dev.classifier.openai;

import com.openai.core.http.Headers;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
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
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place where openai-java's exceptions become the classifier API's, which say what a caller can do.
 * Messages are built from the status, the error's type, code and param and the request id only: never the
 * provider's own wording (which may quote part of the API key) and never article text. The SDK's exception stays
 * as the cause, except for refused credentials (401, 403), whose provider message can hold a masked key.
 */
final class ProviderErrors {

    static final String INSUFFICIENT_QUOTA = "insufficient_quota";
    static final String MODEL_NOT_FOUND = "model_not_found";

    private ProviderErrors() {
    }

    /**
     * The typed exception for a failed call.
     *
     * @param what  what the call was for, e.g. "classifying article 'a1'" (never article text)
     * @param model the profile of the model the call named, when it named one (a 404 names its replacement)
     */
    static ClassificationException map(OpenAIException e, String what, Optional<ModelProfile> model, Clock clock) {
        String prefix = what + ": ";
        if (e instanceof OpenAIServiceException se) {
            return mapAnswer(se, describe(se, clock), prefix, model);
        }
        if (e instanceof OpenAIIoException) {
            String how = ConnectionFailure.of(e).map(ConnectionFailure::description)
                    .orElse("the call failed on the network");
            return new UnavailableException(prefix + "could not get an answer from the provider: " + how + " ("
                    + causeName(e) + ")", e);
        }
        if (e instanceof OpenAIInvalidDataException && e.getCause() instanceof IOException) {
            // A body that stalled or was cut short: transient, like a dropped connection.
            return new UnavailableException(prefix + "the provider's response could not be read ("
                    + causeName(e) + ")", e);
        }
        if (e instanceof OpenAIInvalidDataException) {
            return new BadOutputException(prefix + "the provider's response is not what the API documents", e);
        }
        return new ClassificationException(prefix + "the call failed (" + e.getClass().getSimpleName() + ")", e);
    }

    private static ClassificationException mapAnswer(OpenAIServiceException e, ProviderError error, String prefix,
                                                     Optional<ModelProfile> model) {
        String details = error.describe();
        if (e instanceof RateLimitException) {
            if (error.is(INSUFFICIENT_QUOTA)) {
                return new QuotaExceededException(prefix + "the account's quota is used up (" + details
                        + "); retrying will not help until its plan or billing is fixed", e);
            }
            return new RateLimitedException(prefix + "rate limited by the provider (" + details
                    + error.retryAfter().map(d -> ", retry after " + d).orElse("") + ")",
                    error.retryAfter().orElse(null), e);
        }
        if (e instanceof com.openai.errors.UnauthorizedException || e instanceof PermissionDeniedException) {
            return new UnauthorizedException(prefix + "the provider refused the credentials or the permission ("
                    + details + "); check the API key, organization, project and model access", null);
        }
        if (e instanceof NotFoundException && error.is(MODEL_NOT_FOUND)) {
            return new ClassificationException(prefix + modelGone(model, details), e);
        }
        if (isRetryableStatus(e.statusCode())) {
            return new UnavailableException(prefix + "the provider could not serve the request now (" + details
                    + ")", e);
        }
        if (e instanceof BadRequestException && error.param().orElse("").startsWith("response_format")) {
            return new ClassificationException(prefix + "the server does not accept the response format sent ("
                    + details + "); use a simpler structured-output mode (json_object, or plain text)", e);
        }
        return new ClassificationException(prefix + "the provider rejected the request (" + details + ")", e);
    }

    /** Says that the model is gone and what the catalog has in its place. */
    private static String modelGone(Optional<ModelProfile> model, String details) {
        if (model.isEmpty()) {
            return "the model is gone or not available to this account (" + details + ")";
        }
        ModelProfile profile = model.get();
        String shutdown = profile.shutdownDate().map(d -> ", as the catalog has it shut down on " + d).orElse("");
        return "the model '" + profile.id() + "' is gone or not available to this account (" + details + shutdown
                + "); " + profile.replacement()
                .map(r -> "its replacement is '" + r + "': use model(\"" + r + "\")")
                .orElse("the catalog names no replacement for it: check the model id, or choose another model");
    }

    /** The identifiers of an error answer: status, type, code, param, request id and the wait asked for. */
    static ProviderError describe(OpenAIServiceException e, Clock clock) {
        return new ProviderError(e.statusCode(), safe(e::type), safe(e::code), safe(e::param),
                e.headers().values("x-request-id").stream().findFirst(), retryAfter(e.headers(), clock));
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

    /** 408 and 409 (and 5xx) are what OpenAI documents as worth retrying. */
    private static boolean isRetryableStatus(int status) {
        return status == 408 || status == 409 || status >= 500;
    }

    private static String causeName(Throwable e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName();
    }

    /** The SDK's accessors throw when the error body lacks a field; such a field is simply absent here. */
    private static Optional<String> safe(Supplier<Optional<String>> field) {
        try {
            return field.get().filter(s -> !s.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
