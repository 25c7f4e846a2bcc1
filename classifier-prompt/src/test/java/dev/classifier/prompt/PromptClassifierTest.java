package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.openai.ChatMessage;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static dev.classifier.prompt.StoredFeedback.feedback;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** What the classifier sends and what it makes of the answer, checked on the wire through the server's journal. */
class PromptClassifierTest {

    static final ManualClock clock = ManualClock.create();
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @BeforeEach
    void rules() {
        openAi.server().responder(ServerFixture.responder());
    }

    private static JsonNode lastRequest() {
        return openAi.server().journal().last("/v1/chat/completions").orElseThrow().json();
    }

    @Test
    void classifiesWithConfidenceFromLogprobsAndPricedUsage() {
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).build()) {
            Prediction p = classifier.classify(Article.of("a1", "Striker scores late", "A goal in the 90th minute."));

            assertThat(p.label()).isEqualTo("sports");
            assertThat(p.flags()).isEmpty();
            assertThat(p.reason()).isNotBlank();
            // The server gives the written label 0.92 and shares the rest among the other labels' first tokens.
            assertThat(p.confidence()).isCloseTo(0.92, within(0.001));
            assertThat(p.scores()).containsOnlyKeys(ServerFixture.TAXONOMY.labels());
            assertThat(p.scores().get("politics")).isCloseTo(0.08 / 3, within(0.001));
            assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(p.model()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(p.usage().promptTokens()).isPositive();
            assertThat(p.usage().completionTokens()).isPositive();
            assertThat(p.usage().costUsd()).isCloseTo((p.usage().promptTokens() * 0.15
                    + p.usage().completionTokens() * 0.60) / 1e6, within(1e-15));
            assertThat(classifier.totalUsage()).isEqualTo(p.usage());

            Prediction zh = classifier.classify(Article.of("a2", "国足客场战平", "补时阶段打进扳平进球。"));
            assertThat(zh.label()).isEqualTo("sports");
            assertThat(classifier.totalUsage()).isEqualTo(p.usage().plus(zh.usage()));
            assertThat(classifier.calls()).isEqualTo(2);
        }
    }

    @Test
    void sendsTheRenderedMessagesInOrderWithTheStrictLabelSchema() throws Exception {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        List<Feedback> stored = List.of(
                feedback("f1", "Parliament passes the budget", "", "politics", "A vote in parliament."),
                feedback("f2", "New iPhone chip", "Faster and cooler.", "tech", "A product launch."),
                feedback("f3", "欧冠决赛", "皇马夺冠。", "sports", "足球比赛结果。"));
        store.addAll(stored);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                .feedback(store).window(FeedbackWindow.recent(3)).build()) {
            Article article = Article.of("a1", "Election night", "The votes are counted.");
            RenderedPrompt expected = classifier.render(article);
            Prediction p = classifier.classify(article);
            assertThat(p.label()).isEqualTo("politics");

            JsonNode body = lastRequest();
            List<String> roles = new ArrayList<>();
            List<String> contents = new ArrayList<>();
            body.get("messages").forEach(m -> {
                roles.add(m.get("role").asText());
                contents.add(m.get("content").asText());
            });
            assertThat(roles).containsExactly("system", "user", "assistant", "user", "assistant", "user", "assistant",
                    "user");
            assertThat(contents).containsExactlyElementsOf(
                    expected.messages().stream().map(ChatMessage::content).toList());
            assertThat(contents.get(0)).isEqualTo(classifier.format().systemMessage().content());
            // recent(3) shows the examples oldest first, each as the format renders it, the article last.
            PromptFormat format = classifier.format();
            for (int i = 0; i < stored.size(); i++) {
                List<ChatMessage> example = format.example(stored.get(i));
                assertThat(contents.get(1 + 2 * i)).isEqualTo(example.get(0).content());
                assertThat(contents.get(2 + 2 * i)).isEqualTo(example.get(1).content());
            }
            assertThat(JSON.readTree(contents.get(6)).get("label").asText()).isEqualTo("sports");
            assertThat(contents.get(7)).isEqualTo(expected.articleMessage().content()).contains("Election night");

            assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
            assertThat(body.get("temperature").asDouble()).isZero();
            assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(256);
            assertThat(body.get("logprobs").asBoolean()).isTrue();
            assertThat(body.get("top_logprobs").asInt()).isEqualTo(4);
            JsonNode format0 = body.get("response_format");
            assertThat(format0.get("type").asText()).isEqualTo("json_schema");
            assertThat(format0.at("/json_schema/name").asText()).isEqualTo("news_classification");
            assertThat(format0.at("/json_schema/strict").asBoolean()).isTrue();
            assertThat(format0.at("/json_schema/schema")).isEqualTo(PromptFormat.responseSchema(ServerFixture.TAXONOMY));
            assertThat(format0.at("/json_schema/schema/properties/label/enum"))
                    .extracting(JsonNode::asText).containsExactly("sports", "politics", "tech", "Uncategorized");
        }
    }

    @Test
    void aZeroShotClassifierSendsTheSystemMessageAndTheArticleOnly() {
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.add(feedback("f1", "Parliament passes the budget", "politics"));
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                .feedback(store).window(FeedbackWindow.none()).model("ft:gpt-4o-mini-2024-07-18:org:news:abc")
                .build()) {
            assertThatThrownBy(() -> classifier.classify(Article.of("a", "Election", "")))
                    .hasMessageContaining("HTTP 404").hasMessageContaining("model_not_found");
            JsonNode body = lastRequest();
            assertThat(body.get("messages")).hasSize(2);
            assertThat(body.get("model").asText()).isEqualTo("ft:gpt-4o-mini-2024-07-18:org:news:abc");
        }
    }

    @Test
    void optionsReachTheRequest() {
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                .temperature(0.3).maxCompletionTokens(80).topLogprobs(0).build()) {
            Prediction p = classifier.classify(Article.of("a", "New iPhone", "Apple's software update."));

            assertThat(p.label()).isEqualTo("tech");
            assertThat(p.confidence()).isNaN();
            assertThat(p.scores()).isEmpty();
            JsonNode body = lastRequest();
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
            assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(80);
            assertThat(body.has("logprobs")).isFalse();
            assertThat(body.has("top_logprobs")).isFalse();
        }
    }

    @Test
    void aWindowWithoutAStoreAndAFormatOfAnotherTaxonomyFailFast() {
        PromptClassifier.Builder builder = ServerFixture.classifier(openAi.server(), clock);
        assertThatThrownBy(() -> builder.window(FeedbackWindow.recent(2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no feedback store");
        assertThatThrownBy(() -> builder.format(PromptFormat.of(dev.classifier.api.Taxonomy.of("a", "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("taxonomy");
        assertThatThrownBy(() -> builder.topLogprobs(21)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.temperature(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.concurrency(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTruncatedArticleIsFlagged() {
        PromptFormat format = PromptFormat.builder(ServerFixture.TAXONOMY).articleTokens(20).build();
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).format(format).build()) {
            Prediction p = classifier.classify(Article.of("long", "Striker", "goal ".repeat(200)));

            assertThat(p.label()).isEqualTo("sports");
            assertThat(p.flags()).containsExactly(Prediction.Flag.TRUNCATED);
        }
    }
}
