package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The 2026 models report the prompt tokens they write to the cache; the older ones do not have the field. */
class PromptCacheWritesTest {

    /** Fixed instructions long enough (well over 1,024 tokens) to be cached, as a classifier's few-shot prefix is. */
    private static final String LONG_INSTRUCTIONS = "You classify news articles. Rules: "
            + "a company's results are business; 公司财报属于商业; a gadget launch is technology. ".repeat(60);

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

    private static ChatCompletionCreateParams request(String model, String article) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model)
                .addSystemMessage(LONG_INSTRUCTIONS).addUserMessage(article)
                .responseFormat(ChatParams.labelSchema(ChatParams.LABELS));
        if (model.contains("luna")) {
            b.reasoningEffort(ReasoningEffort.NONE);
        }
        return b.build();
    }

    private static CompletionUsage.PromptTokensDetails details(String model, String article) {
        return client.chat().completions().create(request(model, article)).usage().orElseThrow()
                .promptTokensDetails().orElseThrow();
    }

    @Test
    void theFirstRequestWritesItsCacheablePrefixAndTheNextReadsIt() {
        CompletionUsage first = client.chat().completions().create(request("gpt-6-luna", "Chipmaker beats forecast"))
                .usage().orElseThrow();
        long cacheable = first.promptTokens() / 128 * 128;
        assertThat(first.promptTokens()).isGreaterThan(1024);
        assertThat(first.promptTokensDetails().orElseThrow().cacheWriteTokens()).contains(cacheable);
        assertThat(first.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);

        CompletionUsage.PromptTokensDetails again = details("gpt-6-luna", "Chipmaker beats forecast");
        assertThat(again.cachedTokens()).contains(cacheable);
        assertThat(again.cacheWriteTokens()).contains(0L);

        // Another article: the shared instructions are read, the rest of its cacheable prefix is written.
        CompletionUsage other = client.chat().completions().create(request("gpt-6-luna", "国家队在决赛中获胜"))
                .usage().orElseThrow();
        CompletionUsage.PromptTokensDetails otherDetails = other.promptTokensDetails().orElseThrow();
        assertThat(otherDetails.cachedTokens().orElseThrow()).isPositive();
        assertThat(otherDetails.cachedTokens().orElseThrow() + otherDetails.cacheWriteTokens().orElseThrow())
                .isEqualTo(other.promptTokens() / 128 * 128);
    }

    @Test
    void gpt56LunaReportsWritesAndGpt4oMiniHasNoSuchField() {
        assertThat(details("gpt-5.6-luna", "x").cacheWriteTokens().orElseThrow()).isPositive();

        RawHttp raw = RawHttp.to(openAi.server());
        ObjectNode mini = ChatParams.classifyJson("x");
        ((ObjectNode) mini.at("/messages/0")).put("content", LONG_INSTRUCTIONS);
        JsonNode miniDetails = raw.post("/v1/chat/completions", mini).json().at("/usage/prompt_tokens_details");
        assertThat(miniDetails.has("cached_tokens")).isTrue();
        assertThat(miniDetails.has("cache_write_tokens")).isFalse();
        assertThat(details("gpt-4o-mini", "y").cacheWriteTokens()).isEmpty();
    }

    @Test
    void theUsageWithCacheWritesConformsToTheSchema() {
        ObjectNode body = ChatParams.classifyJsonOn("gpt-6-luna", "x");
        ((ObjectNode) body.at("/messages/0")).put("content", LONG_INSTRUCTIONS);
        RawHttp.Response r = RawHttp.to(openAi.server()).post("/v1/chat/completions", body);

        assertThat(r.json().at("/usage/prompt_tokens_details/cache_write_tokens").asLong()).isPositive();
        assertThat(r.json().at("/usage/completion_tokens_details/reasoning_tokens").asLong()).isPositive();
        OpenApiSchemas.assertConforms("CreateChatCompletionResponse", r.body());
        OpenApiSchemas.assertConforms("CompletionUsage", r.json().get("usage").toString());
    }
}
