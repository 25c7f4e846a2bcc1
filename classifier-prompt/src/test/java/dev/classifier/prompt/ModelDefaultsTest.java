package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.ReasoningEffort;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the classifier sends for each kind of model, read from the test server's journal: gpt-6-luna without
 * reasoning by default, temperature only where the model takes it with the effort sent, room for reasoning.
 */
class ModelDefaultsTest {

    static final String CHAT = "/v1/chat/completions";
    static final Article ARTICLE = Article.of("a1", "Striker scores late", "A goal in the 90th minute.");

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private ManualClock clock;

    @BeforeEach
    void setUp() {
        clock = (ManualClock) openAi.server().clock();
        openAi.server().responder(ServerFixture.responder());
        for (String model : List.of("gpt-5.6-luna", "gpt-5-nano", "acme-news-1")) {
            if (openAi.server().models().find(model).isEmpty()) {
                openAi.server().models().add(model);
            }
        }
    }

    private JsonNode sent(PromptClassifier.Builder builder) {
        try (PromptClassifier classifier = builder.build()) {
            assertThat(classifier.classify(ARTICLE).label()).isEqualTo("sports");
        }
        return openAi.server().journal().last(CHAT).orElseThrow().json();
    }

    @Test
    void theDefaultIsGpt6LunaWithoutReasoningAtTemperatureZero() {
        JsonNode body = sent(ServerFixture.classifier(openAi.server(), clock));

        assertThat(PromptClassifier.DEFAULT_MODEL).isEqualTo("gpt-6-luna");
        assertThat(body.get("model").asText()).isEqualTo("gpt-6-luna");
        assertThat(body.get("reasoning_effort").asText()).isEqualTo("none");
        assertThat(body.get("temperature").asDouble()).isZero();
        assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(ModelCatalog.defaults().find(PromptClassifier.DEFAULT_MODEL).orElseThrow().shutdownDate())
                .as("nothing defaults to a model with a shutdown date").isEmpty();
    }

    @Test
    void withReasoningNoRequestCarriesTemperatureAndTheLimitLeavesRoomForTheReasoning() {
        for (ReasoningEffort effort : List.of(ReasoningEffort.LOW, ReasoningEffort.MEDIUM, ReasoningEffort.MAX)) {
            sent(ServerFixture.classifier(openAi.server(), clock).cacheSize(0).reasoningEffort(effort));
        }
        sent(ServerFixture.classifier(openAi.server(), clock).cacheSize(0).model("gpt-5.6-luna")
                .reasoningEffort(ReasoningEffort.HIGH));
        sent(ServerFixture.classifier(openAi.server(), clock).cacheSize(0).model("gpt-5-nano"));

        List<JsonNode> bodies = openAi.server().journal().bodies(CHAT);
        assertThat(bodies).hasSize(5).allSatisfy(body -> {
            assertThat(body.get("reasoning_effort").asText()).isNotEqualTo("none");
            assertThat(body.has("temperature")).as("temperature with effort %s", body.get("reasoning_effort"))
                    .isFalse();
            assertThat(body.get("max_completion_tokens").asInt())
                    .isEqualTo(PromptClassifier.DEFAULT_REASONING_MAX_COMPLETION_TOKENS);
        });
        assertThat(bodies).extracting(b -> b.get("reasoning_effort").asText())
                .containsExactly("low", "medium", "max", "high", "minimal"); // gpt-5-nano's least: no "none"
    }

    @Test
    void temperatureWhereTheModelDoesNotTakeItFailsAtBuildTime() {
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock)
                .reasoningEffort(ReasoningEffort.LOW).temperature(0.2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt-6-luna' takes no temperature with reasoning_effort low");
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock).model("gpt-5-nano")
                .temperature(0.0).build()).hasMessageContaining("takes no temperature at all");
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock).model("gpt-4o-mini")
                .reasoningEffort(ReasoningEffort.LOW).build()).hasMessageContaining("does not reason");
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock).model("gpt-5-nano")
                .reasoningEffort(ReasoningEffort.NONE).build()).hasMessageContaining("accepts reasoning_effort");
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock).model("gpt-4o-mini")
                .maxCompletionTokens(20_000).build()).hasMessageContaining("more than model 'gpt-4o-mini' writes");
    }

    @Test
    void aModelThatDoesNotReasonGetsNoEffortAndAnUnknownOneGetsWhatItIsGiven() {
        JsonNode mini = sent(ServerFixture.classifier(openAi.server(), clock).model("gpt-4o-mini"));
        assertThat(mini.has("reasoning_effort")).isFalse();
        assertThat(mini.get("temperature").asDouble()).isZero();

        // A provider's own model, unknown to the catalog: an effort the SDK has no constant for passes through.
        // The test server, playing OpenAI, refuses an effort it does not know (400 invalid_value): what counts
        // here is that the library sent it as given.
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).model("acme-news-1")
                .prices(PriceTable.perMillion(0.3, 0.3, 0.9)).reasoningEffort(ReasoningEffort.of("turbo")).build()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE)).isInstanceOf(ClassificationException.class)
                    .hasMessageContaining("param reasoning_effort");
        }
        JsonNode unknown = openAi.server().journal().last(CHAT).orElseThrow().json();
        assertThat(unknown.get("reasoning_effort").asText()).isEqualTo("turbo");
        assertThat(unknown.get("temperature").asDouble()).isZero();
    }

    @Test
    void theDefaultClassifierStillClassifiesAfterGpt4oMiniShutsDown() {
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", LocalDate.of(2027, 1, 14));
        clock.advanceTo(Instant.parse("2027-01-15T09:00:00Z"));

        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).build();
             PromptClassifier old = ServerFixture.classifier(openAi.server(), clock).model("gpt-4o-mini").build()) {
            assertThat(classifier.classify(ARTICLE).label()).isEqualTo("sports");
            Outcome gone = old.classifyAll(List.of(ARTICLE)).get(0);
            assertThat(((Outcome.Failure) gone).error()).hasMessageContaining("'gpt-4o-mini' is gone")
                    .hasMessageContaining("its replacement is 'gpt-6-luna'");
        }
    }

    @Test
    void pricesTokenizerAndLimitsComeFromTheCatalogAndCanBeOverridden() {
        ModelCatalog catalog = ModelCatalog.builder().prices("gpt-6-luna", PriceTable.perMillion(1, 1, 1, 1))
                .put(ModelProfile.builder("acme-news-1").encoding("cl100k_base").limits(32_000, 100).build())
                .build();
        try (PromptClassifier luna = ServerFixture.classifier(openAi.server(), clock).catalog(catalog).build();
             PromptClassifier acme = ServerFixture.classifier(openAi.server(), clock).catalog(catalog)
                     .model("acme-news-1").build()) {
            assertThat(luna.prices()).contains(PriceTable.perMillion(1, 1, 1, 1));
            assertThat(acme.format().tokenCounter().encodingName()).isEqualTo("cl100k_base");
            assertThat(acme.maxCompletionTokens()).as("capped at the model's output").isEqualTo(100);
            assertThat(acme.prices()).isEmpty();
            assertThat(acme.estimate(List.of(ARTICLE)).costKnown()).isFalse();
        }
    }
}
