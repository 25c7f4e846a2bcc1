package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import com.openai.client.OpenAIClient;
import com.openai.models.ResponseFormatJsonObject;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionTokenLogprob;
import com.openai.models.completions.CompletionUsage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatCompletionsTest {

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.client(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static JsonNode content(ChatCompletion c) throws Exception {
        return RawHttp.MAPPER.readTree(c.choices().get(0).message().content().orElseThrow());
    }

    @Test
    void answersTheLabelTheRulesPickInTheShapeOfTheStrictSchema() throws Exception {
        openAi.server().responder(LabelResponder.builder().rule("goal", "sports").rule("选举", "politics").build());

        ChatCompletion sports = client.chat().completions().create(ChatParams.classify("A late GOAL won the cup."));
        ChatCompletion politics = client.chat().completions().create(ChatParams.classify("地方选举结果今天公布。"));
        ChatCompletion neither = client.chat().completions().create(ChatParams.classify("Rain expected tomorrow."));

        assertThat(content(sports).get("label").asText()).isEqualTo("sports");
        assertThat(content(politics).get("label").asText()).isEqualTo("politics");
        assertThat(content(neither).get("label").asText()).isEqualTo("Uncategorized");
        JsonNode answer = content(sports);
        assertThat(answer.fieldNames()).toIterable().containsExactly("label", "reason", "confidence");
        assertThat(answer.get("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(sports.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(sports.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
    }

    @Test
    void theFirstLabelWhenTheFallbackIsNotAllowed() throws Exception {
        openAi.server().responder(LabelResponder.builder().fallback("other").build());
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini").addUserMessage("anything")
                .responseFormat(ChatParams.labelSchema(List.of("economy", "culture"))).build());
        assertThat(content(c).get("label").asText()).isEqualTo("economy");
    }

    @Test
    void jsonObjectAndTextFormatsGetLabelAndReason() throws Exception {
        openAi.server().responder(LabelResponder.builder().rule("match", "sports").build());
        ChatCompletion json = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("Answer in JSON. Categories: politics, sports, tech")
                .addUserMessage("The match ended 2-2.")
                .responseFormat(ResponseFormatJsonObject.builder().build()).build());
        ChatCompletion text = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o-mini")
                .addSystemMessage("类别：政治、体育、科技")
                .addUserMessage("新手机发布").build());

        assertThat(content(json).get("label").asText()).isEqualTo("sports");
        assertThat(content(json).has("reason")).isTrue();
        // No rule matches; the fallback is not allowed, so the first label listed in the instructions.
        assertThat(content(text).get("label").asText()).isEqualTo("政治");
    }

    @Test
    void usageCountsTokensWithO200kBase() {
        ChatCompletion c = client.chat().completions().create(ChatParams.classify("Short article."));
        CompletionUsage usage = c.usage().orElseThrow();
        var o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        String content = c.choices().get(0).message().content().orElseThrow();

        assertThat(usage.completionTokens()).isEqualTo(o200k.countTokens(content));
        long messages = 3 + o200k.countTokens("system") + o200k.countTokens("You classify news articles into one category.")
                + 3 + o200k.countTokens("user") + o200k.countTokens("Short article.") + 3;
        // The schema's own tokens come on top of the cookbook's per-message count.
        assertThat(usage.promptTokens()).isGreaterThan(messages);
        assertThat(usage.totalTokens()).isEqualTo(usage.promptTokens() + usage.completionTokens());
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).contains(0L);
    }

    @Test
    void aRepeatedLongPrefixIsReportedCachedIn128TokenSteps() {
        String instructions = "Rules for classifying news. ".repeat(250); // well over 1,024 tokens
        ChatCompletionCreateParams first = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addSystemMessage(instructions).addUserMessage("Article one about football.").build();
        ChatCompletionCreateParams second = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addSystemMessage(instructions).addUserMessage("Article two, about elections.").build();

        long cold = cached(client.chat().completions().create(first));
        ChatCompletion warm = client.chat().completions().create(second);
        long hit = cached(warm);

        assertThat(cold).isZero();
        assertThat(hit).isGreaterThanOrEqualTo(1024).isLessThanOrEqualTo(warm.usage().orElseThrow().promptTokens());
        assertThat(hit % 128).isZero();
    }

    private static long cached(ChatCompletion c) {
        return c.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
    }

    @Test
    void logprobsCoverEveryTokenAndOfferTheOtherLabelsAtTheLabel() {
        openAi.server().responder(request -> Reply.label("sports", "a match", 0.8));
        ChatCompletion c = client.chat().completions().create(ChatParams.classify("The match.").toBuilder()
                .logprobs(true).topLogprobs(5L).build());
        List<ChatCompletionTokenLogprob> tokens = c.choices().get(0).logprobs().orElseThrow().content().orElseThrow();
        String content = c.choices().get(0).message().content().orElseThrow();

        assertThat(tokens).hasSize((int) c.usage().orElseThrow().completionTokens());
        assertThat(String.join("", tokens.stream().map(ChatCompletionTokenLogprob::token).toList())).isEqualTo(content);
        ChatCompletionTokenLogprob label = tokens.stream().filter(t -> Math.abs(t.logprob() - Math.log(0.8)) < 1e-9)
                .findFirst().orElseThrow();
        assertThat(label.topLogprobs()).hasSizeLessThanOrEqualTo(5).hasSizeGreaterThan(1);
        double total = label.topLogprobs().stream().mapToDouble(t -> Math.exp(t.logprob())).sum();
        assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(tokens.stream().filter(t -> t != label)).allMatch(t -> t.logprob() > -0.01);
    }

    @Test
    void maxCompletionTokensCutsTheAnswerWithFinishReasonLength() {
        ChatCompletion c = client.chat().completions().create(ChatParams.classify("x").toBuilder()
                .maxCompletionTokens(3L).build());
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.LENGTH);
        assertThat(c.usage().orElseThrow().completionTokens()).isEqualTo(3);
    }

    @Test
    void nChoicesAndTheSameAnswerForTheSameSeed() {
        ChatCompletionCreateParams params = ChatParams.classify("same text").toBuilder().n(2L).build();
        ChatCompletion a = client.chat().completions().create(params);
        ChatCompletion b = client.chat().completions().create(params);
        assertThat(a.choices()).hasSize(2);
        assertThat(a.choices().get(0).message().content()).isEqualTo(b.choices().get(0).message().content());
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void theRawResponseConformsToOpenAisSchemaAndCarriesRateLimitHeaders() {
        RawHttp.Response r = RawHttp.to(openAi.server()).post("/v1/chat/completions",
                ChatParams.classifyJson("Parliament votes today."));
        assertThat(r.status()).isEqualTo(200);
        OpenApiSchemas.assertConforms("CreateChatCompletionResponse", r.body());
        assertThat(r.header("x-ratelimit-limit-requests")).isEqualTo("500");
        assertThat(Long.parseLong(r.header("x-ratelimit-remaining-requests"))).isLessThan(500);
        assertThat(r.header("x-request-id")).startsWith("req_");
    }
}
