package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/** OpenAI's error body: {@code {"error":{"message","type","param","code"}}}, all four always present. */
final class ErrorEnvelope {

    private ErrorEnvelope() {
    }

    static ObjectNode of(String message, String type, Optional<String> param, Optional<String> code) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        Json.putOptional(error, "param", param);
        Json.putOptional(error, "code", code);
        ObjectNode envelope = Json.object();
        envelope.set("error", error);
        return envelope;
    }

    static ObjectNode of(ApiException e) {
        return of(e.getMessage(), e.type(), e.param(), e.code());
    }
}
