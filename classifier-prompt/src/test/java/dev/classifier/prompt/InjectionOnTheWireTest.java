package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Articles that try to pass for instructions, sent through the classifier: on the wire every request still holds
 * the same system message, the examples, and exactly one user message for the article with its fence intact, and
 * the label enum is the taxonomy's. ({@link AdversarialArticleTest} proves the rendering; this proves the request.)
 */
class InjectionOnTheWireTest {

    static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock).responder(ServerFixture.responder()));

    @Test
    void everyRequestKeepsItsShapeWhateverTheArticleSays() {
        List<String> texts = AdversarialArticleTest.adversarialTexts().toList();
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            articles.add(Article.of("adv-" + i, "Headline " + i, texts.get(i)));
        }
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        Feedback hostile = Feedback.correction(Article.of("h", texts.get(1), texts.get(6)))
                .from("sports").to("politics").because(texts.get(7));
        store.add(Feedback.of(Article.of("e1", "Cup final", "The striker scored."), "sports", "A match."));
        store.add(hostile);

        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).feedback(store)
                .window(FeedbackWindow.recent(2)).concurrency(4).build()) {
            List<Outcome> outcomes = classifier.classifyAll(articles);
            assertThat(outcomes).allMatch(Outcome::isSuccess);
            String system = classifier.format().systemMessage().content();

            List<JsonNode> bodies = openAi.server().journal().bodies("/v1/chat/completions");
            assertThat(bodies).hasSize(articles.size());
            List<String> articleMessages = new ArrayList<>();
            for (JsonNode body : bodies) {
                JsonNode messages = body.get("messages");
                assertThat(messages).hasSize(6);
                assertThat(messages).extracting(m -> m.get("role").asText())
                        .containsExactly("system", "user", "assistant", "user", "assistant", "user");
                assertThat(messages.get(0).get("content").asText()).isEqualTo(system);
                assertThat(labelOf(messages.get(4))).isEqualTo("politics");
                for (int i = 1; i < 6; i += 2) {
                    AdversarialArticleTest.fencedInner(messages.get(i).get("content").asText());
                }
                articleMessages.add(messages.get(5).get("content").asText());
                assertThat(body.at("/response_format/json_schema/schema/properties/label/enum"))
                        .extracting(JsonNode::asText).containsExactlyElementsOf(ServerFixture.TAXONOMY.labels());
                assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
            }
            // Each article went out once, whole, inside its own fence.
            List<String> expected = articles.stream().map(a -> "Title: " + a.title() + "\nBody: "
                    + a.body().strip().replace("\r\n", "\n").replace('\r', '\n')).toList();
            assertThat(articleMessages.stream().map(AdversarialArticleTest::fencedInner).toList())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static String labelOf(JsonNode assistantMessage) {
        try {
            return PromptClassifierTest.JSON.readTree(assistantMessage.get("content").asText()).get("label").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("an example answer is not JSON", e);
        }
    }
}
