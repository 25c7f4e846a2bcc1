package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.openai.RateLimits;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The classifier waits for its {@link RateLimits}: seen on the wire, on a manual clock. */
class ClassifierRateLimitsTest {

    private final ManualClock clock = ManualClock.create();

    private RateLimits.Builder limits() {
        return RateLimits.builder().clock(clock).sleeper(clock).adoptServerLimits(false);
    }

    @Test
    void aClassifierSpacesItsCallsOnTheWire() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).responder(ServerFixture.responder())
                .build().start();
             PromptClassifier classifier = ServerFixture.classifier(server, clock)
                     .rateLimits(limits().requestsPerMinute(2).tokensPerMinute(1_000_000).build())
                     .concurrency(1).build()) {
            classifier.classifyAll(List.of(Article.of("a", "goal", ""), Article.of("b", "election", ""),
                    Article.of("c", "iphone", "")));

            List<Instant> sent = server.journal().entries("/v1/chat/completions").stream()
                    .map(JournalEntry::receivedAt).toList();
            Instant start = ManualClock.DEFAULT_START;
            assertThat(sent).containsExactly(start, start.plusSeconds(30), start.plusSeconds(60));
        }
    }

    @Test
    void classifiersOnOneClientShareItsLimitsByDefault() {
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).build().start()) {
            com.openai.client.OpenAIClient client = ServerFixture.client(server);
            try (PromptClassifier a = PromptClassifier.builder(client, ServerFixture.TAXONOMY).build();
                 PromptClassifier b = PromptClassifier.builder(client, ServerFixture.TAXONOMY).model("gpt-4o").build();
                 PromptClassifier other = PromptClassifier.builder(ServerFixture.client(server), ServerFixture.TAXONOMY)
                         .closeClientOnClose(true).build()) {
                assertThat(a.rateLimits()).isSameAs(b.rateLimits()).isNotSameAs(other.rateLimits());
                assertThat(a.rateLimits().requestsPerMinute()).isEqualTo(RateLimits.TIER1_REQUESTS_PER_MINUTE);
            } finally {
                client.close();
            }
        }
    }
}
