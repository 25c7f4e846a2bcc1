package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a handler answers: status, content type, body and any extra headers. */
record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";

    ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(JsonNode body) {
        return json(200, body);
    }

    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, JSON, Json.bytes(body), Map.of());
    }

    static ApiResponse bytes(byte[] body, String contentType) {
        return new ApiResponse(200, contentType, body, Map.of());
    }

    ApiResponse withHeaders(Map<String, String> extra) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(extra);
        return new ApiResponse(status, contentType, body, all);
    }

    ApiResponse withBody(byte[] newBody) {
        return new ApiResponse(status, contentType, newBody, headers);
    }
}
