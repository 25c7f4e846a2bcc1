package dev.classifier.micrometer;

import dev.classifier.api.Article;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt strategy against the project's OpenAI test server: retries, cache hits and tokens as meters. */
class PromptMetricsTest {

    private static final String CHAT = "/v1/chat/completions";
    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "Matches, players and results")
            .category("politics", "Governments, elections and laws")
            .build();

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    @Test
    void retriesCacheHitsAndTokensShowInTheRegistry() {
        OpenAiTestServer server = openAi.server();
        ManualClock clock = (ManualClock) server.clock();
        server.responder(LabelResponder.builder().rule("选举", "politics").rule("goal", "sports").build());
        if (server.models().find(PromptClassifier.DEFAULT_MODEL).isEmpty()) {
            server.models().add(PromptClassifier.DEFAULT_MODEL);
        }
        server.faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(2));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PromptMetrics events = PromptMetrics.of("news", PromptClassifier.DEFAULT_MODEL);
        events.bindTo(registry);
        try (MeteredClassifier classifier = MeteredClassifier.wrap(
                PromptClassifier.builder(OpenAiClients.compatible(server.baseUrl(), server.apiKey()), TAXONOMY)
                        .clock(clock).sleeper(clock)
                        .retryPolicy(RetryPolicy.defaults().withJitter(0.0))
                        .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                        .listener(events).closeClientOnClose(true).build(),
                "news", PromptClassifier.DEFAULT_MODEL)) {
            classifier.bindTo(registry);
            Article article = Article.of("a1", "地方选举结果今天公布", "");
            assertThat(classifier.classify(article).label()).isEqualTo("politics");
            assertThat(classifier.classify(article).label()).isEqualTo("politics");   // from the cache
        }

        String[] tags = {"classifier", "news", "model", PromptClassifier.DEFAULT_MODEL};
        assertThat(registry.get(MeterNames.RETRIES).tags(tags).tags("type", "RateLimitedException").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(MeterNames.CACHE_HITS).tags(tags).counter().count()).isEqualTo(1);
        assertThat(registry.get(MeterNames.CLASSIFICATIONS).tags(tags).tags("outcome", "success").counter().count())
                .isEqualTo(2);
        assertThat(registry.get(MeterNames.TOKENS).tags(tags).tags("kind", "input").counter().count())
                .isGreaterThan(0);
        assertThat(registry.get(MeterNames.COST).tags(tags).counter().count()).isGreaterThan(0);
    }
}
