package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;

/** The taxonomy, the responder and clients the tests against the OpenAI test server share. */
final class ServerFixture {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("sports", "Matches, players and results")
            .category("politics", "Governments, elections and laws")
            .category("tech", "Technology companies and products")
            .build();

    /** Keyword rules, English and Chinese, that the test server's "model" follows. */
    static LabelResponder responder() {
        return LabelResponder.builder()
                .rule("goal", "sports").rule("striker", "sports").rule("进球", "sports").rule("国足", "sports")
                .rule("election", "politics").rule("选举", "politics").rule("parliament", "politics")
                .rule("iphone", "tech").rule("芯片", "tech").rule("software", "tech")
                .confidence(0.92, 0.55)
                .build();
    }

    private ServerFixture() {
    }

    /** A client made the library's way (logging off, SDK retries off) for the test server. */
    static OpenAIClient client(OpenAiTestServer server) {
        return OpenAiClients.compatible(server.baseUrl(), server.apiKey());
    }

    /** A classifier on the server, time on the manual clock, no jitter, no client-side limits. */
    static PromptClassifier.Builder classifier(OpenAiTestServer server, ManualClock clock) {
        return PromptClassifier.builder(client(server), TAXONOMY)
                .clock(clock)
                .sleeper(clock)
                .retryPolicy(RetryPolicy.defaults().withJitter(0.0))
                // On the test's clock too: a 429's pause must not be waited out on the wall clock.
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true);
    }
}
