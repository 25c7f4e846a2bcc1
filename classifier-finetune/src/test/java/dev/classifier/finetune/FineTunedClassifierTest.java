package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Prediction;
import dev.classifier.openai.PriceTable;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What the tuned model is sent, how its answers are read, and what they cost. */
class FineTunedClassifierTest {

    private static final ManualClock clock = ManualClock.create();
    private static final PromptFormat FORMAT = PromptFormat.of(Samples.taxonomy());

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock).responder(LabelResponder.builder()
                    .rule("选举", "Politics").rule("cup final", "Sports").fallback("Uncategorized").build()));

    @TempDir
    Path dir;

    private OpenAIClient client;
    private JobSnapshot job;

    @BeforeEach
    void tune() {
        client = TestService.client(openAi.server());
        job = TunedModels.tune(client, clock, dir);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private FineTunedClassifier classifier() {
        return FineTunedClassifier.builder(client, job, FORMAT).clock(clock).sleeper(clock).build();
    }

    @Test
    void theTunedModelIsSentTheTrainedFormatWithoutExamples() {
        Article article = Article.of("zh-1", "地方选举结果公布", "本次地方选举投票率创新高。");
        try (FineTunedClassifier classifier = classifier()) {
            Prediction prediction = classifier.classify(article);

            assertThat(prediction.label()).isEqualTo("Politics");
            assertThat(prediction.model()).isEqualTo(job.fineTunedModel().orElseThrow());
            JsonNode request = openAi.server().journal().last("/v1/chat/completions").orElseThrow().json();
            assertThat(request.get("model").asText()).isEqualTo(job.fineTunedModel().orElseThrow());
            JsonNode messages = request.get("messages");
            assertThat(messages).hasSize(2);
            // Exactly what the training lines held before the answer.
            var trained = FORMAT.trainingExample(article, "Politics", "");
            assertThat(messages.get(0).get("content").asText()).isEqualTo(trained.get(0).content());
            assertThat(messages.get(1).get("content").asText()).isEqualTo(trained.get(1).content());
            assertThat(classifier.render(article).messages()).isEqualTo(trained.subList(0, 2));
        }
    }

    @Test
    void usageIsPricedAtFineTunedRates() {
        try (FineTunedClassifier classifier = classifier()) {
            Prediction prediction = classifier.classify(Article.of("en-1", "Striker scores twice in cup final", ""));

            var usage = prediction.usage();
            assertThat(usage.promptTokens()).isPositive();
            // Fine-tuned gpt-4.1-nano's prices, from the catalog: $0.20 input, $0.05 cached, $0.80 output per 1M.
            double expected = (usage.promptTokens() - usage.cachedPromptTokens()) * 0.20 / 1e6
                    + usage.cachedPromptTokens() * 0.05 / 1e6 + usage.completionTokens() * 0.80 / 1e6;
            assertThat(usage.costUsd()).isCloseTo(expected, within(1e-12));
            assertThat(classifier.prices()).contains(PriceTable.perMillion(0.20, 0.05, 0.80));
            assertThat(classifier.totalUsage()).isEqualTo(usage);
        }
    }

    @Test
    void aNearMissLabelIsResolvedAsThePromptStrategyResolvesIt() {
        openAi.server().faults().onEndpoint("/v1/chat/completions").nth(1).labelOutsideEnum("sports");
        try (FineTunedClassifier classifier = classifier()) {
            Prediction prediction = classifier.classify(Article.of("en-2", "Match report", "A dull draw."));

            assertThat(prediction.label()).isEqualTo("Sports");
            assertThat(prediction.has(Prediction.Flag.RESOLVED)).isTrue();
        }
    }
}
