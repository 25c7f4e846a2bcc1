package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a chat completion request body and refuses, with OpenAI's 400s, what OpenAI refuses. */
final class ChatRequestParser {

    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private ChatRequestParser() {
    }

    /** @param azureModel the model behind the Azure deployment, which replaces the body's model */
    static ChatRequest parse(ObjectNode body, Optional<String> azureModel, Optional<String> deployment) {
        String model = azureModel.orElseGet(() -> requiredString(body, "model"));
        List<ChatMessage> messages = messages(body);
        ResponseFormat format = responseFormat(body.get("response_format"));
        OptionalDouble temperature = number(body, "temperature", 0, 2);
        Optional<String> reasoningEffort = reasoningEffort(body);
        number(body, "top_p", 0, 1);
        OptionalLong seed = body.hasNonNull("seed") ? OptionalLong.of(integer(body, "seed", Long.MIN_VALUE,
                Long.MAX_VALUE)) : OptionalLong.empty();
        boolean logprobs = bool(body, "logprobs");
        int top = body.hasNonNull("top_logprobs") ? (int) integer(body, "top_logprobs", 0, 20) : 0;
        if (top > 0 && !logprobs) {
            throw ApiException.badRequest("Invalid value for 'top_logprobs': 'logprobs' must be set to true when "
                    + "'top_logprobs' is used.", "top_logprobs", "invalid_value");
        }
        OptionalInt max = OptionalInt.empty();
        for (String field : List.of("max_tokens", "max_completion_tokens")) {
            if (body.hasNonNull(field)) {
                max = OptionalInt.of((int) integer(body, field, 1, Integer.MAX_VALUE));
            }
        }
        int n = body.hasNonNull("n") ? (int) integer(body, "n", 1, 128) : 1;
        if (bool(body, "stream")) {
            throw ApiException.badRequest("This test server does not stream; send 'stream': false.", "stream",
                    "unsupported_value");
        }
        if (format.type() == ResponseFormat.Type.JSON_OBJECT
                && messages.stream().noneMatch(m -> m.content().toLowerCase(Locale.ROOT).contains("json"))) {
            throw ApiException.badRequest("'messages' must contain the word 'json' in some form, to use "
                    + "'response_format' of type 'json_object'.", "messages", null);
        }
        return new ChatRequest(model, messages, format, temperature, reasoningEffort, seed, logprobs, top, max, n,
                deployment, body);
    }

    /** One of the spec's effort values, or absent (null counts as absent); whether the model takes it comes later. */
    private static Optional<String> reasoningEffort(ObjectNode body) {
        JsonNode node = body.get("reasoning_effort");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("Invalid type for 'reasoning_effort': expected one of a string or null, but "
                    + "got " + kind(node) + " instead.", "reasoning_effort", "invalid_type");
        }
        if (!ModelProfile.SPEC_EFFORTS.contains(node.asText())) {
            throw ApiException.badRequest("Invalid value: '" + node.asText() + "'. Supported values are: "
                    + ReasoningSimulation.quoted(ModelProfile.SPEC_EFFORTS) + ".", "reasoning_effort",
                    "invalid_value");
        }
        return Optional.of(node.asText());
    }

    private static List<ChatMessage> messages(ObjectNode body) {
        JsonNode node = body.get("messages");
        if (node == null || node.isNull()) {
            throw ApiException.missingParameter("messages");
        }
        if (!node.isArray()) {
            throw ApiException.badRequest("Invalid type for 'messages': expected an array, but got "
                    + kind(node) + " instead.", "messages", "invalid_type");
        }
        if (node.isEmpty()) {
            throw ApiException.badRequest("Invalid 'messages': empty array. Expected an array with minimum length "
                    + "1, but got an empty array instead.", "messages", "empty_array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            messages.add(message(node.get(i), "messages[" + i + "]"));
        }
        return messages;
    }

    private static ChatMessage message(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ApiException.badRequest("Invalid type for '" + where + "': expected an object, but got "
                    + kind(node) + " instead.", where, "invalid_type");
        }
        JsonNode role = node.get("role");
        if (role == null || !role.isTextual()) {
            throw ApiException.missingParameter(where + ".role");
        }
        if (!ROLES.contains(role.asText())) {
            throw ApiException.badRequest("Invalid value: '" + role.asText() + "'. Supported values are: 'system', "
                    + "'assistant', 'user', 'function', 'tool', and 'developer'.", where + ".role", "invalid_value");
        }
        JsonNode content = node.get("content");
        // Only an assistant message may come without content (it may carry tool calls instead).
        if ((content == null || content.isNull()) && !role.asText().equals("assistant")) {
            throw ApiException.missingParameter(where + ".content");
        }
        Optional<String> name = Json.string(node, "name");
        return new ChatMessage(role.asText(), text(content, where + ".content"), name);
    }

    /** A content string, or the text parts of a content array joined by newlines. */
    private static String text(JsonNode content, String where) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw ApiException.badRequest("Invalid type for '" + where + "': expected one of a string or array of "
                    + "objects, but got " + kind(content) + " instead.", where, "invalid_type");
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText("");
            if (type.equals("text")) {
                parts.add(part.path("text").asText(""));
            } else if (type.isEmpty()) {
                throw ApiException.missingParameter(where + "[" + i + "].type");
            }
        }
        return String.join("\n", parts);
    }

    private static ResponseFormat responseFormat(JsonNode node) {
        if (node == null || node.isNull()) {
            return ResponseFormat.TEXT;
        }
        String type = node.path("type").asText("");
        switch (type) {
            case "text":
                return ResponseFormat.TEXT;
            case "json_object":
                return new ResponseFormat(ResponseFormat.Type.JSON_OBJECT, Optional.empty(), Optional.empty(), false);
            case "json_schema":
                JsonNode spec = node.get("json_schema");
                if (spec == null || !spec.isObject()) {
                    throw ApiException.missingParameter("response_format.json_schema");
                }
                String name = Json.string(spec, "name")
                        .orElseThrow(() -> ApiException.missingParameter("response_format.json_schema.name"));
                if (!SCHEMA_NAME.matcher(name).matches()) {
                    throw ApiException.badRequest("Invalid 'response_format.json_schema.name': string does not match "
                            + "pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' of at most "
                            + "64 characters.", "response_format.json_schema.name", "invalid_value");
                }
                JsonNode schema = spec.get("schema");
                if (schema != null && !schema.isObject()) {
                    throw ApiException.badRequest("Invalid type for 'response_format.json_schema.schema': expected an "
                            + "object, but got " + kind(schema) + " instead.", "response_format.json_schema.schema",
                            "invalid_type");
                }
                return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, Optional.of(name),
                        Optional.ofNullable(schema), spec.path("strict").asBoolean(false));
            default:
                throw ApiException.badRequest("Invalid value: '" + type + "'. Supported values are: 'text', "
                        + "'json_object', and 'json_schema'.", "response_format.type", "invalid_value");
        }
    }

    private static String requiredString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw ApiException.missingParameter(field);
        }
        if (!node.isTextual()) {
            throw ApiException.badRequest("Invalid type for '" + field + "': expected a string, but got "
                    + kind(node) + " instead.", field, "invalid_type");
        }
        return node.asText();
    }

    private static OptionalDouble number(ObjectNode body, String field, double min, double max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return OptionalDouble.empty();
        }
        if (!node.isNumber()) {
            throw ApiException.badRequest("Invalid type for '" + field + "': expected a number, but got "
                    + kind(node) + " instead.", field, "invalid_type");
        }
        double value = node.asDouble();
        if (value < min) {
            throw ApiException.badRequest("Invalid '" + field + "': decimal below minimum value. Expected a value >= "
                    + format(min) + ", but got " + node.asText() + " instead.", field, "decimal_below_min_value");
        }
        if (value > max) {
            throw ApiException.badRequest("Invalid '" + field + "': decimal above maximum value. Expected a value <= "
                    + format(max) + ", but got " + node.asText() + " instead.", field, "decimal_above_max_value");
        }
        return OptionalDouble.of(value);
    }

    private static long integer(ObjectNode body, String field, long min, long max) {
        JsonNode node = body.get(field);
        if (!node.isIntegralNumber()) {
            throw ApiException.badRequest("Invalid type for '" + field + "': expected an integer, but got "
                    + kind(node) + " instead.", field, "invalid_type");
        }
        long value = node.asLong();
        if (value < min) {
            throw ApiException.badRequest("Invalid '" + field + "': integer below minimum value. Expected a value >= "
                    + min + ", but got " + value + " instead.", field, "integer_below_min_value");
        }
        if (value > max) {
            throw ApiException.badRequest("Invalid '" + field + "': integer above maximum value. Expected a value <= "
                    + max + ", but got " + value + " instead.", field, "integer_above_max_value");
        }
        return value;
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw ApiException.badRequest("Invalid type for '" + field + "': expected a boolean, but got "
                    + kind(node) + " instead.", field, "invalid_type");
        }
        return node.asBoolean();
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "an integer";
        }
        if (node.isNumber()) {
            return "a decimal";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
