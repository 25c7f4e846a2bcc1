package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.completions.CompletionUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The 2026 reasoning models as the server plays them: efforts, reasoning tokens, the temperature rule, errors. */
class ReasoningModelsTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    /** The documented function: weight(effort) × (64 + prompt_tokens / 8). */
    private static long expectedReasoning(int weight, long promptTokens) {
        return weight * (64 + promptTokens / 8);
    }

    private static long reasoningOf(CompletionUsage usage) {
        return usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
    }

    @Test
    void theDefaultEffortIsMediumAndItsReasoningTokensCountInsideTheCompletion() {
        openAi.server().responder(LabelResponder.builder().rule("goal", "sports").build());

        ChatCompletion c = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna",
                "A late goal won the cup.").build());

        CompletionUsage usage = c.usage().orElseThrow();
        String content = c.choices().get(0).message().content().orElseThrow();
        assertThat(content).contains("\"label\":\"sports\"");
        assertThat(reasoningOf(usage)).isEqualTo(expectedReasoning(4, usage.promptTokens())).isPositive();
        assertThat(usage.completionTokens()).isEqualTo(reasoningOf(usage) + O200K.countTokensOrdinary(content));
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(c.model()).isEqualTo("gpt-6-luna");
        assertThat(openAi.server().journal().last(CHAT).orElseThrow().reasoningEffort()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"none, 0", "low, 2", "medium, 4", "high, 8", "xhigh, 16", "max, 32"})
    void eachEffortReasonsItsDocumentedNumberOfTokens(String effort, int weight) {
        ChatCompletion c = client.chat().completions().create(ChatParams.classifyOn("gpt-5.6-luna", "选举结果公布")
                .reasoningEffort(ReasoningEffort.of(effort)).build());

        CompletionUsage usage = c.usage().orElseThrow();
        assertThat(reasoningOf(usage)).isEqualTo(expectedReasoning(weight, usage.promptTokens()));
        assertThat(openAi.server().journal().last(CHAT).orElseThrow().reasoningEffort()).contains(effort);
    }

    @Test
    void withEffortNoneATemperatureIsTakenAndTheJournalShowsBoth() {
        ChatCompletion c = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x")
                .reasoningEffort(ReasoningEffort.NONE).temperature(0.0).build());

        assertThat(reasoningOf(c.usage().orElseThrow())).isZero();
        JournalEntry entry = openAi.server().journal().last(CHAT).orElseThrow();
        assertThat(entry.temperature()).hasValue(0.0);
        assertThat(entry.reasoningEffort()).contains("none");
        assertThat(entry.model()).contains("gpt-6-luna");
    }

    @Test
    void aModelWithoutReasoningReportsNoneAndTakesAnyTemperature() {
        ChatCompletion c = client.chat().completions().create(ChatParams.classify("x"));

        assertThat(reasoningOf(c.usage().orElseThrow())).isZero();
        JournalEntry entry = openAi.server().journal().last(CHAT).orElseThrow();
        assertThat(entry.temperature()).hasValue(0.0);
        assertThat(entry.reasoningEffort()).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("an effort the spec has but the model does not", on("gpt-6-luna",
                        b -> b.put("reasoning_effort", "minimal")), "reasoning_effort", "unsupported_value",
                        "'reasoning_effort' does not support 'minimal' with this model. Supported values are: 'none', "
                                + "'low', 'medium', 'high', 'xhigh', and 'max'."),
                Arguments.of("an effort gpt-5-nano does not take", on("gpt-5-nano",
                        b -> b.put("reasoning_effort", "none")), "reasoning_effort", "unsupported_value",
                        "Supported values are: 'minimal', 'low', 'medium', and 'high'."),
                Arguments.of("an effort no model has", on("gpt-6-luna", b -> b.put("reasoning_effort", "turbo")),
                        "reasoning_effort", "invalid_value", "Invalid value: 'turbo'."),
                Arguments.of("an effort that is not a string", on("gpt-6-luna", b -> b.put("reasoning_effort", 3)),
                        "reasoning_effort", "invalid_type", "expected one of a string or null"),
                Arguments.of("an effort for a model that does not reason", on("gpt-4o-mini",
                        b -> b.put("reasoning_effort", "none")), "reasoning_effort", "unsupported_parameter",
                        "Unsupported parameter: 'reasoning_effort' is not supported with this model."),
                Arguments.of("temperature 0 at the default effort", on("gpt-6-luna", b -> b.put("temperature", 0)),
                        "temperature", "unsupported_parameter",
                        "'temperature' is not supported with this model when reasoning_effort is 'medium'"),
                Arguments.of("temperature at effort low", on("gpt-5.6-luna",
                        b -> b.put("temperature", 0.7).put("reasoning_effort", "low")), "temperature",
                        "unsupported_parameter", "when reasoning_effort is 'low'"),
                Arguments.of("temperature on gpt-5-nano, which has no effort none", on("gpt-5-nano",
                        b -> b.put("temperature", 1).put("reasoning_effort", "minimal")), "temperature",
                        "unsupported_parameter", "when reasoning_effort is 'minimal'"));
    }

    private static ObjectNode on(String model, Consumer<ObjectNode> change) {
        ObjectNode body = ChatParams.classifyJsonOn(model, "Some article.");
        change.accept(body);
        return body;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesAsOpenAiDoes(String what, ObjectNode body, String param, String code, String message) {
        RawHttp.Response r = RawHttp.to(openAi.server()).post(CHAT, body);

        assertThat(r.status()).isEqualTo(400);
        OpenApiSchemas.assertConforms("ErrorResponse", r.body());
        JsonNode error = r.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asText()).isEqualTo(param);
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).contains(message);
    }

    @Test
    void theSdkSeesTheTemperatureRefusalAsABadRequest() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x")
                .temperature(0.0).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.code()).contains("unsupported_parameter");
                    assertThat(e.param()).contains("temperature");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        assertThat(openAi.server().journal().last(CHAT).orElseThrow().status()).isEqualTo(400);
    }

    @Test
    void reasoningCountsAgainstMaxCompletionTokensAndMayLeaveNoRoomForTheAnswer() {
        ChatCompletion starved = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x")
                .reasoningEffort(ReasoningEffort.HIGH).maxCompletionTokens(50L).build());
        CompletionUsage starvedUsage = starved.usage().orElseThrow();
        assertThat(starved.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(starved.choices().get(0).message().content()).contains("");
        assertThat(reasoningOf(starvedUsage)).isEqualTo(50);
        assertThat(starvedUsage.completionTokens()).isEqualTo(50);

        long reasoning = expectedReasoning(8, starvedUsage.promptTokens());
        ChatCompletion cut = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x")
                .reasoningEffort(ReasoningEffort.HIGH).maxCompletionTokens(reasoning + 3).build());
        assertThat(cut.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(O200K.countTokensOrdinary(cut.choices().get(0).message().content().orElseThrow())).isEqualTo(3);
        assertThat(cut.usage().orElseThrow().completionTokens()).isEqualTo(reasoning + 3);
    }

    @Test
    void everyChoiceReasons() {
        ChatCompletion one = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x").build());
        ChatCompletion three = client.chat().completions().create(ChatParams.classifyOn("gpt-6-luna", "x").n(3L)
                .build());

        assertThat(reasoningOf(three.usage().orElseThrow())).isEqualTo(3 * reasoningOf(one.usage().orElseThrow()));
        assertThat(three.usage().orElseThrow().completionTokens())
                .isEqualTo(3 * one.usage().orElseThrow().completionTokens());
    }

    @Test
    void theNewShapesConformToTheSchema() {
        RawHttp raw = RawHttp.to(openAi.server());
        ObjectNode reasoned = ChatParams.classifyJsonOn("gpt-6-luna", "中文新闻：国家队获胜").put("logprobs", true)
                .put("top_logprobs", 2);
        ObjectNode starved = ChatParams.classifyJsonOn("gpt-6-luna", "x").put("reasoning_effort", "max")
                .put("max_completion_tokens", 10).put("logprobs", true);
        ObjectNode none = ChatParams.classifyJsonOn("gpt-5.6-luna", "x").put("reasoning_effort", "none")
                .put("temperature", 0);

        for (ObjectNode body : new ObjectNode[] {reasoned, starved, none}) {
            RawHttp.Response r = raw.post(CHAT, body);
            assertThat(r.status()).isEqualTo(200);
            OpenApiSchemas.assertConforms("CreateChatCompletionResponse", r.body());
            OpenApiSchemas.assertConforms("CompletionUsage", r.json().get("usage").toString());
        }
    }
}
