package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.openai.ChatMessage;
import dev.classifier.openai.ProviderProfile;

import java.util.Map;
import java.util.Optional;

/**
 * Turns a rendered prompt into openai-java's request: the messages in order (system, example pairs, the article),
 * the model, the {@code reasoning_effort}, {@code temperature} and completion limit of the {@link ModelChoice}
 * (each only where it applies), logprobs, and the response format of the mode. The response format is built once:
 * for {@link ResponseMode#JSON_SCHEMA}, {@link PromptFormat#responseSchema()} under the name
 * {@link PromptFormat#RESPONSE_SCHEMA_NAME}, strict. A {@link ProviderProfile} adapts the request to its provider.
 */
final class ChatRequests {

    private final ModelChoice model;
    private final int topLogprobs;
    private final ResponseMode mode;
    private final ResponseFormatJsonSchema jsonSchema;
    private final String schemaJson;
    private final Optional<ProviderProfile> provider;

    ChatRequests(ModelChoice model, int topLogprobs, ResponseMode mode, PromptFormat format,
                 Optional<ProviderProfile> provider) {
        this.model = model;
        this.provider = provider;
        this.topLogprobs = topLogprobs;
        this.mode = mode;
        ObjectNode schema = format.responseSchema();
        this.schemaJson = schema.toString();
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder sdkSchema =
                ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            sdkSchema.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        this.jsonSchema = ResponseFormatJsonSchema.builder()
                .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name(PromptFormat.RESPONSE_SCHEMA_NAME)
                        .strict(true)
                        .schema(sdkSchema.build())
                        .build())
                .build();
    }

    ChatCompletionCreateParams build(RenderedPrompt prompt) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder()
                .model(model.model())
                .maxCompletionTokens(model.maxCompletionTokens());
        model.effort().ifPresent(effort -> b.reasoningEffort(effort.toSdk())); // values the SDK lacks pass too
        model.temperature().ifPresent(b::temperature);
        for (ChatMessage message : prompt.messages()) {
            switch (message.role()) {
                case SYSTEM -> b.addSystemMessage(message.content());
                case USER -> b.addUserMessage(message.content());
                case ASSISTANT -> b.addAssistantMessage(message.content());
            }
        }
        switch (mode) {
            case JSON_SCHEMA -> b.responseFormat(jsonSchema);
            case JSON_OBJECT -> b.responseFormat(ResponseFormatJsonObject.builder().build());
            case TEXT -> {
                // no response_format: the server's default, plain text
            }
        }
        if (topLogprobs > 0) {
            b.logprobs(true).topLogprobs(topLogprobs);
        }
        ChatCompletionCreateParams params = b.build();
        return provider.map(p -> p.adapt(params)).orElse(params); // the provider's fields and quirks
    }

    /** The schema as sent, for counting its tokens (it is part of the prompt OpenAI bills). */
    String schemaJson() {
        return mode == ResponseMode.JSON_SCHEMA ? schemaJson : "";
    }
}
