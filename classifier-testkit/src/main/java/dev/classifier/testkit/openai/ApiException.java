package dev.classifier.testkit.openai;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request the server refuses, as OpenAI refuses it: an HTTP status and the four fields of the error envelope.
 * Handlers throw it; the dispatcher turns it into the response.
 */
final class ApiException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final int status;
    private final String type;
    private final Optional<String> param;
    private final Optional<String> code;
    private final Map<String, String> headers;

    ApiException(int status, String type, String message, Optional<String> param, Optional<String> code,
                 Map<String, String> headers) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.param = Objects.requireNonNull(param, "param");
        this.code = Objects.requireNonNull(code, "code");
        this.headers = Map.copyOf(headers);
    }

    /** 400, {@code invalid_request_error}. */
    static ApiException badRequest(String message, String param, String code) {
        return new ApiException(400, INVALID_REQUEST, message, Optional.ofNullable(param), Optional.ofNullable(code),
                Map.of());
    }

    /** 404, {@code invalid_request_error}. */
    static ApiException notFound(String message, String param, String code) {
        return new ApiException(404, INVALID_REQUEST, message, Optional.ofNullable(param), Optional.ofNullable(code),
                Map.of());
    }

    /** A missing required body field, worded as OpenAI words it. */
    static ApiException missingParameter(String param) {
        return badRequest("Missing required parameter: '" + param + "'.", param, "missing_required_parameter");
    }

    /** A body field of the wrong type or value. */
    static ApiException invalidValue(String param, String message) {
        return badRequest("Invalid '" + param + "': " + message, param, "invalid_value");
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    Optional<String> param() {
        return param;
    }

    Optional<String> code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    ApiException withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiException(status, type, getMessage(), param, code, all);
    }
}
