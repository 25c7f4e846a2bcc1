package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Requests a news classifier sends: a strict label schema built at run time, and plain-JSON ones. */
final class ChatParams {

    static final List<String> LABELS = List.of("politics", "sports", "tech", "Uncategorized");

    private ChatParams() {
    }

    static ResponseFormatJsonSchema labelSchema(List<String> labels) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("label", Map.of("type", "string", "enum", labels));
        properties.put("reason", Map.of("type", "string"));
        properties.put("confidence", Map.of("type", "number"));
        ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(properties))
                .putAdditionalProperty("required", JsonValue.from(List.of("label", "reason", "confidence")))
                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                .build();
        return ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("news_classification").strict(true).schema(schema).build())
                .build();
    }

    /** A strict-schema classification request for one article. */
    static ChatCompletionCreateParams classify(String article) {
        return ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .temperature(0.0)
                .addSystemMessage("You classify news articles into one category.")
                .addUserMessage(article)
                .responseFormat(labelSchema(LABELS))
                .build();
    }

    /** A strict-schema classification request to a model, without {@code temperature} (reasoning models refuse it). */
    static ChatCompletionCreateParams.Builder classifyOn(String model, String article) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addSystemMessage("You classify news articles into one category.")
                .addUserMessage(article)
                .responseFormat(labelSchema(LABELS));
    }

    /** {@link #classifyOn} as raw JSON. */
    static ObjectNode classifyJsonOn(String model, String article) {
        ObjectNode body = classifyJson(article).put("model", model);
        body.remove("temperature");
        return body;
    }

    /** The same request as raw JSON, for calls that bypass the SDK. */
    static ObjectNode classifyJson(String article) {
        ObjectNode body = RawHttp.MAPPER.createObjectNode();
        body.put("model", "gpt-4o-mini");
        body.put("temperature", 0.0);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You classify news articles into one category.");
        messages.addObject().put("role", "user").put("content", article);
        ObjectNode format = body.putObject("response_format");
        format.put("type", "json_schema");
        ObjectNode spec = format.putObject("json_schema");
        spec.put("name", "news_classification");
        spec.put("strict", true);
        ObjectNode schema = spec.putObject("schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        var label = properties.putObject("label");
        label.put("type", "string");
        LABELS.forEach(label.putArray("enum")::add);
        properties.putObject("reason").put("type", "string");
        schema.putArray("required").add("label").add("reason");
        schema.put("additionalProperties", false);
        return body;
    }
}
