package dev.classifier.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.models.ReasoningEffort;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import dev.classifier.openai.ProviderProfile.ResponseFormat;
import dev.classifier.openai.ProviderProfile.TokenLimitField;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The provider profiles' data and how they adapt a request; one request on the wire to the test server. */
class ProvidersTest {

    private static ChatCompletionCreateParams.Builder request(String model) {
        return ChatCompletionCreateParams.builder().model(model)
                .addDeveloperMessage("Classify the article. Answer in JSON.")
                .addUserMessage("The striker scored a goal.")
                .temperature(0.0).maxCompletionTokens(256).logprobs(true).topLogprobs(4);
    }

    @Test
    void everyProfileNamesItsSourcesAndAcceptsWhatItUses() {
        List<ProviderProfile> all = List.of(Providers.openAi(), Providers.azure("https://r.openai.azure.com"),
                Providers.deepSeek(), Providers.qwen(Providers.QwenRegion.SINGAPORE), Providers.moonshot(),
                Providers.moonshotGlobal(), Providers.zhipu(), Providers.zai(), Providers.vllm(), Providers.ollama(),
                Providers.llamaCpp());
        assertThat(all).allSatisfy(p -> {
            assertThat(p.sources()).isNotEmpty().allSatisfy(s -> assertThat(s).startsWith("https://"));
            assertThat(p.accepts(p.responseFormat())).isTrue();
            assertThat(p.accepts(ResponseFormat.TEXT)).isTrue();
        });
        assertThat(Providers.deepSeek().accepts(ResponseFormat.JSON_SCHEMA)).isFalse();
        assertThat(Providers.deepSeek().baseUrl()).isEqualTo("https://api.deepseek.com");
        assertThat(Providers.qwen(Providers.QwenRegion.BEIJING).baseUrl())
                .isEqualTo("https://dashscope.aliyuncs.com/compatible-mode/v1");
        assertThat(Providers.moonshot().baseUrl()).isEqualTo("https://api.moonshot.cn/v1");
        assertThat(Providers.moonshotGlobal().baseUrl()).isEqualTo("https://api.moonshot.ai/v1");
        assertThat(Providers.zhipu().baseUrl()).isEqualTo("https://open.bigmodel.cn/api/paas/v4");
        assertThat(Providers.vllm().baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(Providers.ollama().baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(Providers.ollama().tokenLimitField()).isEqualTo(TokenLimitField.MAX_TOKENS);
        assertThat(Providers.deepSeek().toString()).isEqualTo("DeepSeek (https://api.deepseek.com), json_object,"
                + " max_tokens");
    }

    @Test
    void aProfileIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> Providers.deepSeek().withResponseFormat(ResponseFormat.JSON_SCHEMA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DeepSeek")
                .hasMessageContaining("JSON_SCHEMA");
        assertThatThrownBy(() -> Providers.vllm("localhost:8000/v1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
        assertThatThrownBy(() -> Providers.deepSeek().client())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("requires an API key");
    }

    @Test
    @SuppressWarnings("deprecation") // max_tokens: deprecated by OpenAI, read by Ollama and others
    void theTokenLimitMovesToTheProvidersField() {
        ChatCompletionCreateParams ollama = Providers.ollama().adapt(request("qwen3:8b").build());
        assertThat(ollama.maxTokens()).contains(256L);
        assertThat(ollama._maxCompletionTokens().isMissing()).isTrue();

        ChatCompletionCreateParams vllm = Providers.vllm().adapt(ChatCompletionCreateParams.builder().model("m")
                .addUserMessage("x").maxTokens(64).build());
        assertThat(vllm.maxCompletionTokens()).contains(64L);
        assertThat(vllm._maxTokens().isMissing()).isTrue();
    }

    @Test
    void logprobsAreDroppedWhereTheProviderHasNone() {
        ChatCompletionCreateParams zhipu = Providers.zhipu().adapt(request("glm-4.7").build());
        assertThat(zhipu._logprobs().isMissing()).isTrue();
        assertThat(zhipu._topLogprobs().isMissing()).isTrue();

        ChatCompletionCreateParams llama = Providers.llamaCpp().adapt(request("m").build());
        assertThat(llama.logprobs()).contains(true);
        assertThat(llama.topLogprobs()).contains(4L);
    }

    @Test
    void developerMessagesGoAsSystemWhereTheRoleIsUnknown() {
        ChatCompletionCreateParams deepSeek = Providers.deepSeek().adapt(request("deepseek-v4-flash").build());
        assertThat(deepSeek.messages()).extracting(ChatCompletionMessageParam::isSystem).containsExactly(true, false);
        assertThat(deepSeek.messages().get(0).asSystem().content().asText())
                .isEqualTo("Classify the article. Answer in JSON.");

        ChatCompletionCreateParams openAi = Providers.openAi().adapt(request("gpt-6-luna").build());
        assertThat(openAi.messages().get(0).isDeveloper()).isTrue();
    }

    @Test
    void thinkingIsTurnedOffUnlessTheRequestOrTheCatalogSaysOtherwise() {
        Map<String, JsonValue> qwen = Providers.qwen(Providers.QwenRegion.SINGAPORE).adapt(request("qwen-plus")
                .build())._additionalBodyProperties();
        assertThat(qwen).containsEntry("enable_thinking", JsonValue.from(false));

        ChatCompletionCreateParams luna = Providers.openAi().adapt(request("gpt-6-luna").build());
        assertThat(luna._additionalBodyProperties()).containsEntry("reasoning_effort", JsonValue.from("none"));

        ChatCompletionCreateParams chosen = Providers.openAi().adapt(request("gpt-6-luna")
                .reasoningEffort(ReasoningEffort.LOW).build());
        assertThat(chosen._additionalBodyProperties()).doesNotContainKey("reasoning_effort");
        assertThat(chosen.reasoningEffort()).contains(ReasoningEffort.LOW);

        ChatCompletionCreateParams mini = Providers.openAi().adapt(request("gpt-4o-mini").build());
        assertThat(mini._additionalBodyProperties()).as("gpt-4o-mini does not reason").isEmpty();

        ChatCompletionCreateParams own = Providers.deepSeek().adapt(request("deepseek-v4-flash")
                .putAdditionalBodyProperty("thinking", JsonValue.from(Map.of("type", "enabled"))).build());
        assertThat(own._additionalBodyProperties().get("thinking"))
                .isEqualTo(JsonValue.from(Map.of("type", "enabled")));
    }

    @Test
    void jsonObjectWithoutTheWordJsonFailsBeforeTheProviderRefusesIt() {
        ChatCompletionCreateParams noJson = ChatCompletionCreateParams.builder().model("deepseek-v4-flash")
                .addSystemMessage("Classify the article.").addUserMessage("选举结果今天公布。")
                .responseFormat(ResponseFormatJsonObject.builder().build()).build();

        assertThatThrownBy(() -> Providers.deepSeek().adapt(noJson)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DeepSeek").hasMessageContaining("\"json\"").hasMessageNotContaining("选举");
        // Moonshot documents no such rule.
        assertThat(Providers.moonshot().adapt(noJson).responseFormat()).isPresent();
    }

    @Test
    void theAdaptedRequestReachesTheServerAsTheProviderWantsIt() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().apiKey(ProviderProfile.NO_KEY).build().start()) {
            // A thinking model, as Ollama serves many: "none" must reach it, or temperature is refused.
            server.models().add("news-7b", dev.classifier.testkit.openai.ModelProfile.reasoning("medium", "none",
                    "medium"));
            ProviderProfile ollama = Providers.ollama(server.baseUrl());
            OpenAIClient client = ollama.client();
            try {
                client.chat().completions().create(ollama.adapt(request("news-7b").build()));
            } finally {
                client.close();
            }
            JsonNode body = server.journal().last("/v1/chat/completions").orElseThrow().json();
            assertThat(body.get("max_tokens").asInt()).isEqualTo(256);
            assertThat(body.has("max_completion_tokens")).isFalse();
            assertThat(body.has("logprobs")).isFalse();
            assertThat(body.get("reasoning_effort").asText()).isEqualTo("none");
            assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        }
    }
}
