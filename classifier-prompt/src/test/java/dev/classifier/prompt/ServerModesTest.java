package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Prediction;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.StructuredOutputs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Servers without strict structured outputs, and Azure OpenAI. */
class ServerModesTest {

    private final ManualClock clock = ManualClock.create();
    private final Article election = Article.of("e1", "Election results", "The parliament has a new majority.");

    private OpenAiTestServer server(StructuredOutputs support) {
        return OpenAiTestServer.builder().clock(clock).structuredOutputs(support)
                .responder(ServerFixture.responder()).build().start();
    }

    @Test
    void aServerThatRejectsJsonSchemaIsServedWithJsonObjectOrText() {
        try (OpenAiTestServer server = server(StructuredOutputs.REJECTED)) {
            try (PromptClassifier strict = ServerFixture.classifier(server, clock).build()) {
                assertThatThrownBy(() -> strict.classify(election))
                        .isExactlyInstanceOf(ClassificationException.class)
                        .hasMessageContaining("json_schema").hasMessageContaining("ResponseMode.JSON_OBJECT");
                assertThat(server.journal().count("/v1/chat/completions")).as("a 400 is not retried").isEqualTo(1);
            }
            try (PromptClassifier jsonObject = ServerFixture.classifier(server, clock)
                    .responseMode(ResponseMode.JSON_OBJECT).build()) {
                Prediction p = jsonObject.classify(election);
                assertThat(p.label()).isEqualTo("politics");
                assertThat(p.confidence()).isCloseTo(0.92, within(0.001));
                JsonNode body = server.journal().last("/v1/chat/completions").orElseThrow().json();
                assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
            }
            try (PromptClassifier text = ServerFixture.classifier(server, clock)
                    .responseMode(ResponseMode.TEXT).build()) {
                assertThat(text.classify(election).label()).isEqualTo("politics");
                JsonNode body = server.journal().last("/v1/chat/completions").orElseThrow().json();
                assertThat(body.has("response_format")).isFalse();
            }
        }
    }

    @Test
    void aServerThatIgnoresTheSchemaAnswersInAFenceThatIsReadLeniently() {
        try (OpenAiTestServer server = server(StructuredOutputs.IGNORED);
             PromptClassifier classifier = ServerFixture.classifier(server, clock).build()) {
            Prediction p = classifier.classify(election);

            assertThat(p.label()).isEqualTo("politics");
            assertThat(p.flags()).isEmpty();
            assertThat(p.confidence()).isCloseTo(0.92, within(0.001));
        }
    }

    @Test
    void azureOpenAiTakesTheDeploymentAsTheModelAndTheKeyInItsHeader() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().azure().apiKey("azure-key").clock(clock)
                .azureDeployment("news-classifier", "gpt-4o-mini").responder(ServerFixture.responder())
                .build().start();
             PromptClassifier classifier = PromptClassifier.builder(
                             OpenAiClients.azure(server.azureEndpoint(), "azure-key"), ServerFixture.TAXONOMY)
                     .model("news-classifier").clock(clock).sleeper(clock).rateLimits(RateLimits.unlimited())
                     .closeClientOnClose(true).build()) {
            Prediction p = classifier.classify(election);

            assertThat(p.label()).isEqualTo("politics");
            assertThat(p.model()).isEqualTo("gpt-4o-mini-2024-07-18");
            JournalEntry entry = server.journal().last().orElseThrow();
            assertThat(entry.path()).isEqualTo("/openai/deployments/news-classifier/chat/completions");
            assertThat(entry.query()).containsKey("api-version");
            assertThat(entry.header("api-key")).contains("***");
            assertThat(entry.header("authorization")).isEmpty();
        }
    }
}
