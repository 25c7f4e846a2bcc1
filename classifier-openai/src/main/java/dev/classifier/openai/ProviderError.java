package dev.classifier.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a provider's error answer says, reduced to identifiers: the HTTP status, the error's type, code and param,
 * the request id and the wait it asked for. Never the provider's wording (which may quote part of the key or the
 * request). Every text field is a short token of letters, digits and {@code _ . - [ ]}.
 *
 * @param status     the HTTP status
 * @param type       the error's {@code type}, e.g. {@code insufficient_quota}
 * @param code       the error's {@code code}, e.g. {@code model_not_found}
 * @param param      the error's {@code param}, e.g. {@code temperature}
 * @param requestId  the provider's {@code x-request-id}, for a support ticket
 * @param retryAfter the wait asked for with {@code retry-after-ms} or {@code Retry-After}
 */
public record ProviderError(int status, Optional<String> type, Optional<String> code, Optional<String> param,
                            Optional<String> requestId, Optional<Duration> retryAfter) {

    private static final int MAX_TOKEN = 64;

    public ProviderError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(param, "param");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(retryAfter, "retryAfter");
        type = type.map(ProviderError::token);
        code = code.map(ProviderError::token);
        param = param.map(ProviderError::token);
        requestId = requestId.map(ProviderError::token);
    }

    /** Whether the code or the type is this value. */
    public boolean is(String codeOrType) {
        return code.filter(codeOrType::equals).isPresent() || type.filter(codeOrType::equals).isPresent();
    }

    /** "HTTP 429, type requests, code rate_limit_exceeded, request req_123": no provider wording. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("HTTP " + status);
        type.ifPresent(t -> parts.add("type " + t));
        code.ifPresent(c -> parts.add("code " + c));
        param.ifPresent(p -> parts.add("param " + p));
        requestId.ifPresent(id -> parts.add("request " + id));
        return String.join(", ", parts);
    }

    /** Codes and types are short identifiers; anything else is replaced and cut, so no free text gets through. */
    static String token(String s) {
        String cleaned = s.replaceAll("[^A-Za-z0-9_.\\-\\[\\]]", "_");
        return cleaned.length() > MAX_TOKEN ? cleaned.substring(0, MAX_TOKEN) : cleaned;
    }

    @Override
    public String toString() {
        return "ProviderError[" + describe() + retryAfter.map(d -> ", retry after " + d).orElse("") + "]";
    }
}
