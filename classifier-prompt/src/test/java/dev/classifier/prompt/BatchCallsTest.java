package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.QuotaExceededException;
import dev.classifier.api.UnauthorizedException;
import dev.classifier.api.UnavailableException;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The batch path's provider calls go through the OpenAI layer's retry loop: an exhausted quota is not retried,
 * Retry-After is waited for, refused credentials keep no SDK exception (nor the key), and failures are typed.
 */
class BatchCallsTest {

    static final List<Article> ARTICLES = List.of(Article.of("a0", "Late goal", "The striker scored a late goal."),
            Article.of("a1", "地方选举", "地方选举结果今天公布。"));

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    @TempDir
    Path dir;

    private ManualClock clock;
    private PromptClassifier prompt;
    private OpenAIClient client;

    @BeforeEach
    void setUp() {
        clock = (ManualClock) openAi.server().clock();
        openAi.server().responder(ServerFixture.responder());
        client = ServerFixture.client(openAi.server());
        prompt = ServerFixture.classifier(openAi.server(), clock).build();
    }

    @AfterEach
    void tearDown() {
        prompt.close();
        client.close();
    }

    private BatchClassifier.Builder batch(OpenAIClient on) {
        return BatchClassifier.builder(on, prompt).workDir(dir).clock(clock).sleeper(clock)
                .pollInterval(Duration.ofMinutes(1)).retryPolicy(RetryPolicy.defaults().withJitter(0.0));
    }

    private List<JournalEntry> requests(String method, String path) {
        return openAi.server().journal().entries(path).stream().filter(e -> e.method().equals(method)).toList();
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        openAi.server().faults().onEndpoint("POST", "/v1/files").always().insufficientQuota();

        assertThatThrownBy(() -> batch(client).build().run(ARTICLES.stream(), BatchListener.none()))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e.getMessage()).startsWith("uploading requests-r0-000.jsonl: ")
                            .contains("insufficient_quota");
                });
        assertThat(requests("POST", "/v1/files")).hasSize(1);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void theWaitTheProviderAsksForIsHonoured() {
        openAi.server().faults().onEndpoint("POST", "/v1/batches").nth(1).rateLimited()
                .retryAfter(Duration.ofSeconds(7));

        BatchRun run = batch(client).build().run(ARTICLES.stream(), BatchListener.none());

        assertThat(run.successes()).isEqualTo(2);
        assertThat(requests("POST", "/v1/batches")).extracting(JournalEntry::status).containsExactly(429, 200);
        assertThat(clock.sleeps()).first().isEqualTo(Duration.ofSeconds(7)); // not the backoff's 0.5 s
    }

    @Test
    void refusedCredentialsAreTypedNotRetriedAndKeepNeitherTheSdksExceptionNorTheKey() {
        String secret = "sk-test-BATCH-DO-NOT-LEAK-987654321";
        OpenAIClient wrongKey = OpenAiClients.compatible(openAi.baseUrl(), secret);
        try {
            assertThatThrownBy(() -> batch(wrongKey).build().run(ARTICLES.stream(), BatchListener.none()))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.getCause()).isNull();
                        assertThat(e.getMessage()).contains("HTTP 401");
                        assertThat(stackTrace(e)).doesNotContain(secret).doesNotContain("DO-NOT-LEAK");
                    });
        } finally {
            wrongKey.close();
        }
        assertThat(requests("POST", "/v1/files")).extracting(JournalEntry::status).containsExactly(401);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aProviderThatKeepsFailingGivesTheTypedErrorOnceTheAttemptsRunOut() {
        openAi.server().faults().onEndpoint("GET", "/v1/batches/{batch_id}").always().status(503);

        assertThatThrownBy(() -> batch(client).retryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(3))
                .build().run(ARTICLES.stream(), BatchListener.none()))
                .isInstanceOfSatisfying(UnavailableException.class, e -> assertThat(e.getMessage())
                        .startsWith("watching batch batch_").contains("HTTP 503"));
        assertThat(requests("GET", "/v1/batches/{batch_id}")).hasSize(3);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
