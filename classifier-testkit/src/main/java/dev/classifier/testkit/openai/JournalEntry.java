package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One request the server received and what it answered.
 *
 * @param number     the server's count of requests, from 1
 * @param receivedAt when it came, on the server's clock
 * @param endpoint   the route template it matched ({@code /v1/files/{file_id}}), or its path when none did
 * @param headers    header names in lower case; the values of {@code authorization} and {@code api-key} are
 *                   masked, since keys are secrets
 * @param body       the request body as UTF-8 text
 * @param status     the status answered, or 0 when the connection was dropped without an answer
 * @param fault      the injected fault, described (empty when none)
 */
public record JournalEntry(long number, Instant receivedAt, String method, String path, Map<String, String> query,
                           String endpoint, Map<String, List<String>> headers, String body, int status,
                           String fault) {

    public JournalEntry {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name in any case). */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body parsed as JSON; fails for a body that is not JSON (multipart uploads, for instance). */
    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request #" + number + " to " + path + " has no JSON body", e);
        }
    }

    /** The body's {@code model}, if the body is a JSON object that names one. */
    public Optional<String> model() {
        return textField("model");
    }

    /** The body's {@code temperature}, if the request carried one (absent when left out or sent as null). */
    public OptionalDouble temperature() {
        JsonNode value = jsonObject().map(o -> o.get("temperature")).orElse(null);
        return value != null && value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    /** The body's {@code reasoning_effort}, if the request carried one (absent when left out or sent as null). */
    public Optional<String> reasoningEffort() {
        return textField("reasoning_effort");
    }

    private Optional<String> textField(String name) {
        JsonNode value = jsonObject().map(o -> o.get(name)).orElse(null);
        return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** The body as a JSON object; empty for a body that is not one (a multipart upload, a GET). */
    private Optional<JsonNode> jsonObject() {
        try {
            JsonNode node = body.isEmpty() ? null : Json.MAPPER.readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether this request is to {@code pathOrTemplate} (by path or by route template). */
    public boolean isTo(String pathOrTemplate) {
        return path.equals(pathOrTemplate) || endpoint.equals(pathOrTemplate);
    }

    public boolean faulted() {
        return !fault.isEmpty();
    }

    @Override
    public String toString() {
        return "#" + number + " " + method + " " + path + " -> " + (status == 0 ? "dropped" : status)
                + (fault.isEmpty() ? "" : " [" + fault + "]");
    }
}
