package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** A chat completion request as a {@link Responder} sees it, already checked the way OpenAI checks it. */
public final class ChatRequest {

    private final String model;
    private final List<ChatMessage> messages;
    private final ResponseFormat responseFormat;
    private final OptionalDouble temperature;
    private final Optional<String> reasoningEffort;
    private final OptionalLong seed;
    private final boolean logprobs;
    private final int topLogprobs;
    private final OptionalInt maxCompletionTokens;
    private final int n;
    private final Optional<String> deployment;
    private final JsonNode body;

    ChatRequest(String model, List<ChatMessage> messages, ResponseFormat responseFormat, OptionalDouble temperature,
                Optional<String> reasoningEffort, OptionalLong seed, boolean logprobs, int topLogprobs,
                OptionalInt maxCompletionTokens, int n, Optional<String> deployment, JsonNode body) {
        this.model = Objects.requireNonNull(model, "model");
        this.messages = List.copyOf(messages);
        this.responseFormat = Objects.requireNonNull(responseFormat, "responseFormat");
        this.temperature = temperature;
        this.reasoningEffort = Objects.requireNonNull(reasoningEffort, "reasoningEffort");
        this.seed = seed;
        this.logprobs = logprobs;
        this.topLogprobs = topLogprobs;
        this.maxCompletionTokens = maxCompletionTokens;
        this.n = n;
        this.deployment = deployment;
        this.body = body.deepCopy();
    }

    /** The model asked for (for Azure, the model behind the deployment). */
    public String model() {
        return model;
    }

    public List<ChatMessage> messages() {
        return messages;
    }

    public ResponseFormat responseFormat() {
        return responseFormat;
    }

    public OptionalDouble temperature() {
        return temperature;
    }

    /** The {@code reasoning_effort} the request names (absent when it names none, or sends null). */
    public Optional<String> reasoningEffort() {
        return reasoningEffort;
    }

    public OptionalLong seed() {
        return seed;
    }

    public boolean logprobs() {
        return logprobs;
    }

    /** How many alternatives per token the request asked for (0 when none). */
    public int topLogprobs() {
        return topLogprobs;
    }

    /** {@code max_completion_tokens}, or the older {@code max_tokens}. */
    public OptionalInt maxCompletionTokens() {
        return maxCompletionTokens;
    }

    public int n() {
        return n;
    }

    /** The Azure deployment the request was sent to, in Azure mode. */
    public Optional<String> deployment() {
        return deployment;
    }

    /** The request body as sent. */
    public JsonNode body() {
        return body.deepCopy();
    }

    /** The text of the system and developer messages, joined by blank lines. */
    public String instructions() {
        return messages.stream().filter(ChatMessage::isInstruction).map(ChatMessage::content)
                .collect(Collectors.joining("\n\n"));
    }

    /** The text of the last user message: for a classifier, the article (few-shot examples come before it). */
    public String lastUserText() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /**
     * The labels the request allows: the enum of its json_schema's label property ({@code label},
     * {@code category}, ..., else the first property with an enum); failing that, a list in its instructions
     * ({@code Categories: a, b, c}, or bullet lines under a line that mentions categories or labels and ends
     * with a colon). Empty when it names none.
     */
    public List<String> labels() {
        if (responseFormat.type() == ResponseFormat.Type.JSON_SCHEMA && responseFormat.schema().isPresent()) {
            List<String> fromSchema = LabelSources.fromSchema(responseFormat.schema().get());
            if (!fromSchema.isEmpty()) {
                return fromSchema;
            }
        }
        return LabelSources.fromInstructions(instructions());
    }

    @Override
    public String toString() {
        return "ChatRequest[" + model + ", " + messages.size() + " messages, " + responseFormat.type() + "]";
    }
}
