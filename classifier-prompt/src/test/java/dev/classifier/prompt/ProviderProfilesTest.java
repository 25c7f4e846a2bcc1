package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.Prediction;
import dev.classifier.openai.ProviderProfile;
import dev.classifier.openai.Providers;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.ModelProfile;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.StructuredOutputs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One test per provider profile (and per local server), each against the test server in the structured-output mode
 * the provider has: the real classifier classifies English and Chinese articles, and the journal shows the request
 * as the provider's documentation wants it (response format, token-limit field, logprobs, roles, thinking off).
 */
class ProviderProfilesTest {

    static final String CHAT = "/v1/chat/completions";

    private final ManualClock clock = ManualClock.create();
    private final List<OpenAiTestServer> servers = new ArrayList<>();
    private final Article election = Article.of("e1", "地方选举",
            "地方选举结果今天公布，议会出现新的多数。");
    private final Article goal = Article.of("g1", "Late winner", "The striker scored a goal in the 90th minute.");

    @AfterEach
    void tearDown() {
        servers.forEach(OpenAiTestServer::close);
    }

    private OpenAiTestServer server(StructuredOutputs support, UnaryOperator<OpenAiTestServer.Builder> settings) {
        OpenAiTestServer server = settings.apply(OpenAiTestServer.builder().clock(clock).structuredOutputs(support)
                .responder(ServerFixture.responder())).build().start();
        servers.add(server);
        return server;
    }

    private OpenAiTestServer server(StructuredOutputs support) {
        return server(support, b -> b);
    }

    /** The real classifier on the provider's client, as a user would build it. */
    private PromptClassifier classifier(ProviderProfile provider, String key, String model) {
        return PromptClassifier.builder(provider.client(key), ServerFixture.TAXONOMY)
                .provider(provider).model(model)
                .clock(clock).sleeper(clock).retryPolicy(RetryPolicy.defaults().withJitter(0.0))
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true).build();
    }

    /** Classifies both articles and returns the last request's body. */
    private JsonNode classifyBoth(OpenAiTestServer server, PromptClassifier classifier, boolean logprobs) {
        try (classifier) {
            Prediction p = classifier.classify(election);
            assertThat(p.label()).isEqualTo("politics");
            assertThat(classifier.classify(goal).label()).isEqualTo("sports");
            if (logprobs) {
                assertThat(p.confidence()).isCloseTo(0.92, within(0.001));
            } else {
                assertThat(p.confidence()).isNaN();
            }
        }
        List<JournalEntry> chats = server.journal().entries(CHAT); // Azure's deployment path routes here too
        assertThat(chats).hasSize(2).allSatisfy(e -> assertThat(e.status()).isEqualTo(200));
        JsonNode body = chats.get(1).json();
        List<String> roles = new ArrayList<>();
        body.get("messages").forEach(m -> roles.add(m.get("role").asText()));
        assertThat(roles).first().isEqualTo("system");
        assertThat(roles).doesNotContain("developer");
        return body;
    }

    private static void assertTokenLimitIn(JsonNode body, String field, String absent) {
        assertThat(body.path(field).asInt()).isEqualTo(PromptClassifier.DEFAULT_MAX_COMPLETION_TOKENS);
        assertThat(body.has(absent)).as("no " + absent).isFalse();
    }

    private static void assertLogprobs(JsonNode body, boolean asked) {
        assertThat(body.has("logprobs")).isEqualTo(asked);
        assertThat(body.has("top_logprobs")).isEqualTo(asked);
    }

    @Test
    void azureOpenAiUsesTheDeploymentPathAndStrictJsonSchema() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT, b -> b.azure().apiKey("azure-key")
                .azureDeployment("news-classifier", "gpt-4o-mini"));
        ProviderProfile azure = Providers.azure(server.azureEndpoint());

        JsonNode body = classifyBoth(server, classifier(azure, "azure-key", "news-classifier"), true);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertTokenLimitIn(body, "max_completion_tokens", "max_tokens");
        assertLogprobs(body, true);
        assertThat(server.journal().last().orElseThrow().header("api-key")).contains("***");
    }

    @Test
    void deepSeekGetsJsonObjectWithJsonInThePromptMaxTokensAndThinkingDisabled() {
        // DeepSeek offers no json_schema: the server refuses it, as a provider without structured outputs does.
        OpenAiTestServer server = server(StructuredOutputs.REJECTED);
        server.models().add("deepseek-v4-flash");
        ProviderProfile deepSeek = Providers.deepSeek().withBaseUrl(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(deepSeek, server.apiKey(), "deepseek-v4-flash"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        assertThat(body.get("messages").get(0).get("content").asText().toLowerCase()).contains("json");
        assertTokenLimitIn(body, "max_tokens", "max_completion_tokens");
        assertLogprobs(body, false);
        assertThat(body.at("/thinking/type").asText()).isEqualTo("disabled");
    }

    @Test
    void qwenGetsStrictJsonSchemaAndEnableThinkingFalse() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT);
        server.models().add("qwen-flash");
        ProviderProfile qwen = Providers.qwen(Providers.QwenRegion.SINGAPORE).withBaseUrl(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(qwen, server.apiKey(), "qwen-flash"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/schema/properties/label/enum").toString())
                .contains("\"politics\"").contains("\"sports\"");
        assertTokenLimitIn(body, "max_tokens", "max_completion_tokens");
        assertThat(body.get("enable_thinking").isBoolean()).isTrue();
        assertThat(body.get("enable_thinking").asBoolean()).isFalse();
    }

    @Test
    void qwenOnAModelWithoutJsonSchemaFallsBackToJsonObject() {
        OpenAiTestServer server = server(StructuredOutputs.REJECTED);
        server.models().add("qwen-turbo");
        ProviderProfile qwen = Providers.qwen(Providers.QwenRegion.BEIJING).withBaseUrl(server.baseUrl())
                .withResponseFormat(ProviderProfile.ResponseFormat.JSON_OBJECT);

        JsonNode body = classifyBoth(server, classifier(qwen, server.apiKey(), "qwen-turbo"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
    }

    @Test
    void moonshotGetsJsonModeMaxCompletionTokensAndThinkingDisabled() {
        OpenAiTestServer server = server(StructuredOutputs.REJECTED);
        server.models().add("kimi-k2.6");
        ProviderProfile moonshot = Providers.moonshot().withBaseUrl(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(moonshot, server.apiKey(), "kimi-k2.6"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        assertTokenLimitIn(body, "max_completion_tokens", "max_tokens");
        assertLogprobs(body, false);
        assertThat(body.at("/thinking/type").asText()).isEqualTo("disabled");
    }

    @Test
    void zhipuGetsJsonModeMaxTokensAndThinkingDisabled() {
        OpenAiTestServer server = server(StructuredOutputs.REJECTED);
        server.models().add("glm-4.7");
        ProviderProfile zhipu = Providers.zhipu().withBaseUrl(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(zhipu, server.apiKey(), "glm-4.7"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
        assertTokenLimitIn(body, "max_tokens", "max_completion_tokens");
        assertThat(body.at("/thinking/type").asText()).isEqualTo("disabled");
    }

    @Test
    void vllmGetsJsonSchemaLogprobsAndTheChatTemplateSwitch() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT, b -> b.apiKey(ProviderProfile.NO_KEY));
        server.models().add("Qwen/Qwen3-8B");
        ProviderProfile vllm = Providers.vllm(server.baseUrl());

        JsonNode body = classifyBoth(server, PromptClassifier.builder(vllm.client(), ServerFixture.TAXONOMY)
                .provider(vllm).model("Qwen/Qwen3-8B").clock(clock).sleeper(clock)
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true).build(), true);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertTokenLimitIn(body, "max_completion_tokens", "max_tokens");
        assertLogprobs(body, true);
        assertThat(body.at("/chat_template_kwargs/enable_thinking").isBoolean()).isTrue();
        assertThat(body.at("/chat_template_kwargs/enable_thinking").asBoolean()).isFalse();
    }

    @Test
    void ollamaGetsJsonSchemaMaxTokensAndReasoningEffortNone() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT, b -> b.apiKey(ProviderProfile.NO_KEY));
        // A thinking model: with its default effort the server refuses temperature, so "none" must reach it.
        server.models().add("qwen3:8b", ModelProfile.reasoning("medium", "none", "low", "medium", "high"));
        ProviderProfile ollama = Providers.ollama(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(ollama, ProviderProfile.NO_KEY, "qwen3:8b"), false);

        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        // Ollama drops max_completion_tokens silently (the answer would be uncapped): max_tokens only.
        assertTokenLimitIn(body, "max_tokens", "max_completion_tokens");
        assertLogprobs(body, false);
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("none");
    }

    @Test
    void llamaCppGetsTheNestedJsonSchemaLogprobsAndMaxTokens() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT, b -> b.apiKey(ProviderProfile.NO_KEY));
        server.models().add("news-7b-q4");
        ProviderProfile llamaCpp = Providers.llamaCpp(server.baseUrl());

        JsonNode body = classifyBoth(server, classifier(llamaCpp, ProviderProfile.NO_KEY, "news-7b-q4"), true);

        // OpenAI's nested form, response_format.json_schema.schema: the one llama-server turns into a grammar.
        assertThat(body.at("/response_format/json_schema/schema/type").asText()).isEqualTo("object");
        assertTokenLimitIn(body, "max_tokens", "max_completion_tokens");
        assertLogprobs(body, true);
        assertThat(body.at("/chat_template_kwargs/enable_thinking").asBoolean(true)).isFalse();
    }

    @Test
    void openAiTurnsThinkingOffOnlyForModelsThatReason() {
        OpenAiTestServer server = server(StructuredOutputs.STRICT);
        ProviderProfile openAi = Providers.openAi().withBaseUrl(server.baseUrl());

        // gpt-6-luna reasons (medium by default) and takes temperature only with effort none.
        JsonNode luna = classifyBoth(server, classifier(openAi, server.apiKey(), "gpt-6-luna"), true);
        assertThat(luna.get("reasoning_effort").asText()).isEqualTo("none");
        assertTokenLimitIn(luna, "max_completion_tokens", "max_tokens");

        server.journal().clear();
        // gpt-4o-mini does not reason: the field would be refused, so it is not sent.
        JsonNode mini = classifyBoth(server, classifier(openAi, server.apiKey(), "gpt-4o-mini"), true);
        assertThat(mini.has("reasoning_effort")).isFalse();
    }
}
