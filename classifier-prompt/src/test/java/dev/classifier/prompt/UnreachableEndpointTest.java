package dev.classifier.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.UnavailableException;
import dev.classifier.openai.CircuitBreaker;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.SampleNews;
import dev.classifier.testkit.UnreachableEndpoint;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a key set and an endpoint that cannot be reached, {@code classifyAll} of the 88 sample articles ends after
 * a handful of attempts, not 88 times five: the circuit opens after three connection failures and the rest fail at
 * once with the same typed cause. Each kind of unreachable is made on 127.0.0.1 (or, for a name that does not
 * resolve, looked up in a hosts file only). The bound is on the HTTP attempts the client makes, not on time.
 */
class UnreachableEndpointTest {

    /** At most the failures that open the circuit plus the calls already under way when it opens. */
    private static final int MAX_ATTEMPTS = CircuitBreaker.DEFAULT_THRESHOLD + PromptClassifier.DEFAULT_CONCURRENCY;

    private static final List<Article> ARTICLES = sampleArticles();

    private static List<Article> sampleArticles() {
        ObjectMapper json = new ObjectMapper();
        List<Article> articles = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(SampleNews.open(SampleNews.ARTICLES),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonNode node = json.readTree(line);
                    articles.add(Article.of(node.get("id").asText(), node.get("title").asText(),
                            node.get("body").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return articles;
    }

    /** Classifies the sample articles against the endpoint; returns the outcomes and counts the HTTP attempts. */
    private static List<Outcome> classifyAll(UnreachableEndpoint endpoint, Timeout timeout, AtomicInteger attempts) {
        ManualClock clock = ManualClock.create();
        OkHttpClient counting = new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void callStart(Call call) {
                attempts.incrementAndGet();
            }
        }).build();
        OpenAIClient client = OpenAiClients.builder("sk-test-key-is-set").baseUrl(endpoint.baseUrl())
                .okHttpClient(counting).timeout(timeout).build();
        try (PromptClassifier classifier = PromptClassifier.builder(client, ServerFixture.TAXONOMY)
                .clock(clock).sleeper(clock).retryPolicy(RetryPolicy.defaults().withJitter(0))
                .rateLimits(RateLimits.builder().unlimited().clock(clock).sleeper(clock).build())
                .closeClientOnClose(true).build()) {
            return classifier.classifyAll(ARTICLES);
        } finally {
            counting.dispatcher().executorService().shutdown();
            counting.connectionPool().evictAll();
        }
    }

    private static void assertEndsAfterAFewAttempts(UnreachableEndpoint endpoint, Timeout timeout, String how) {
        AtomicInteger attempts = new AtomicInteger();

        List<Outcome> outcomes = classifyAll(endpoint, timeout, attempts);

        assertThat(ARTICLES).hasSize(88);
        assertThat(attempts.get()).isBetween(CircuitBreaker.DEFAULT_THRESHOLD, MAX_ATTEMPTS);
        assertThat(outcomes).hasSize(88).allSatisfy(o -> {
            assertThat(o.isSuccess()).isFalse();
            assertThat(((Outcome.Failure) o).error()).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining(how);
        });
        assertThat(outcomes.stream().filter(o -> ((Outcome.Failure) o).error().getMessage()
                .contains("not sent, the endpoint is unreachable since"))).hasSizeGreaterThanOrEqualTo(88 - MAX_ATTEMPTS);
    }

    @Test
    void noPromptIsRenderedForAnArticleWhoseCallWouldNotBeSent() {
        QueryCountingEmbedder embedder = new QueryCountingEmbedder();
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        store.add(Feedback.of(Article.of("f1", "Late goal", "The striker scored."), "sports", ""));
        store.add(Feedback.of(Article.of("f2", "地方选举", "地方选举结果今天公布。"), "politics", ""));
        ManualClock clock = ManualClock.create();
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused();
             PromptClassifier classifier = PromptClassifier.builder(
                             OpenAiClients.compatible(endpoint.baseUrl(), "sk-test-key-is-set"), ServerFixture.TAXONOMY)
                     .feedback(store).window(FeedbackWindow.similar(2, embedder))
                     .clock(clock).sleeper(clock).retryPolicy(RetryPolicy.defaults().withJitter(0))
                     .closeClientOnClose(true).build()) {

            List<Outcome> outcomes = classifier.classifyAll(ARTICLES.subList(0, 20));

            assertThat(outcomes).allSatisfy(o -> assertThat(((Outcome.Failure) o).error())
                    .isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("not sent, the endpoint is unreachable since"));
            // The first call's model lookup opened the circuit; no article was embedded to choose its examples.
            assertThat(embedder.queries).hasValue(0);
        }
    }

    /** Counts the texts embedded one at a time: the articles whose examples are chosen (feedback goes in batches). */
    private static final class QueryCountingEmbedder implements TextEmbedder {
        final AtomicInteger queries = new AtomicInteger();

        @Override
        public float[] embed(String text) {
            queries.incrementAndGet();
            return vector(text);
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(QueryCountingEmbedder::vector).toList();
        }

        private static float[] vector(String text) {
            return new float[] {text.length() % 7 + 1f, 1f};
        }

        @Override
        public String modelId() {
            return "query-counting-test-embedder";
        }
    }

    @Test
    void aRefusedPort() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused()) {
            assertEndsAfterAFewAttempts(endpoint, OpenAiClients.defaultTimeout(), "refused");
        }
    }

    @Test
    void aNameThatDoesNotResolve() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.unresolvable()) {
            assertEndsAfterAFewAttempts(endpoint, OpenAiClients.defaultTimeout(), "does not resolve");
        }
    }

    @Test
    void aPeerThatNeverAcceptsTheConnection() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAccepts()) {
            assertEndsAfterAFewAttempts(endpoint, Timeout.builder().connect(Duration.ofMillis(200))
                    .request(OpenAiClients.DEFAULT_TIMEOUT).build(), "the connection timed out");
        }
    }

    @Test
    void aPeerThatAcceptsAndNeverAnswers() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAnswers()) {
            assertEndsAfterAFewAttempts(endpoint, Timeout.builder().connect(OpenAiClients.DEFAULT_CONNECT_TIMEOUT)
                    .request(Duration.ofMillis(300)).build(), "no answer came");
            assertThat(endpoint.connections()).isBetween(1, MAX_ATTEMPTS);
        }
    }
}
