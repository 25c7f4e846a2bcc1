package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PromptClassifierTest {

    static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @BeforeEach
    void rules() {
        openAi.server().responder(ServerFixture.responder());
    }

    @Test
    void classifiesWithConfidenceFromLogprobsAndPricedUsage() {
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).build()) {
            Prediction p = classifier.classify(Article.of("a1", "Striker scores late", "A goal in the 90th minute."));

            assertThat(p.label()).isEqualTo("sports");
            assertThat(p.flags()).isEmpty();
            assertThat(p.confidence()).isCloseTo(0.92, within(0.001));
            assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(p.model()).isEqualTo("gpt-4o-mini-2024-07-18");
            assertThat(p.usage().promptTokens()).isPositive();
            assertThat(p.usage().costUsd()).isCloseTo((p.usage().promptTokens() * 0.15
                    + p.usage().completionTokens() * 0.60) / 1e6, within(1e-12));
            JournalEntry entry = openAi.server().journal().last("/v1/chat/completions").orElseThrow();
            assertThat(entry.status()).isEqualTo(200);
        }
    }
}
