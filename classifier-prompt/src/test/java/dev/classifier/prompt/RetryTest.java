package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Prediction;
import dev.classifier.api.QuotaExceededException;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.UnavailableException;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RateLimits;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library owns retries: what is retried, how long it waits (on the manual clock), and what reaches the caller. */
class RetryTest {

    static final String CHAT = "/v1/chat/completions";
    static final Article ARTICLE = Article.of("a1", "Election day", "Voters choose a new parliament.");

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private ManualClock clock;

    @BeforeEach
    void server() {
        clock = (ManualClock) openAi.server().clock();
        openAi.server().responder(ServerFixture.responder());
    }

    private PromptClassifier classifier() {
        return ServerFixture.classifier(openAi.server(), clock).cacheSize(0).build();
    }

    private List<Integer> statuses() {
        return openAi.server().journal().entries(CHAT).stream().map(JournalEntry::status).toList();
    }

    @Test
    void aRateLimitIsRetriedAfterTheWaitTheServerAsks() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(2));
        openAi.server().faults().onEndpoint(CHAT).nth(2).rateLimited().retryAfterMs(1_500).retryAfter(Duration.ofSeconds(9));
        try (PromptClassifier classifier = classifier()) {
            Prediction p = classifier.classify(ARTICLE);

            assertThat(p.label()).isEqualTo("politics");
            assertThat(statuses()).containsExactly(429, 429, 200);
            // retry-after-ms wins over Retry-After; no jitter on a wait the server named.
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(1_500));
            assertThat(openAi.server().journal().entries(CHAT).get(2).receivedAt())
                    .isEqualTo(ManualClock.DEFAULT_START.plusMillis(3_500));
        }
    }

    @Test
    void serverErrorsAndDroppedConnectionsBackOffExponentially() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).status(500);
        openAi.server().faults().onEndpoint(CHAT).nth(2).status(503);
        openAi.server().faults().onEndpoint(CHAT).nth(3).dropConnection();
        openAi.server().faults().onEndpoint(CHAT).nth(4).malformedJson();
        try (PromptClassifier classifier = classifier()) {
            assertThat(classifier.classify(ARTICLE).label()).isEqualTo("politics");

            assertThat(statuses()).containsExactly(500, 503, 0, 200, 200);
            assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
                    Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(classifier.calls()).isEqualTo(1);
        }
    }

    @Test
    void whenRetriesRunOutTheCallerGetsTheTypedError() {
        openAi.server().faults().onEndpoint(CHAT).always().rateLimited().retryAfter(Duration.ofSeconds(1));
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                .retryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(3)).build()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE))
                    .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("article 'a1'").contains("HTTP 429")
                                .contains("rate_limit_exceeded").doesNotContain("parliament");
                    });
            assertThat(statuses()).containsExactly(429, 429, 429);
        }
        openAi.server().journal().clear();
        openAi.server().faults().clear();
        openAi.server().faults().onEndpoint(CHAT).always().status(502);
        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock)
                .retryPolicy(RetryPolicy.none()).build()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE)).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("HTTP 502");
            assertThat(statuses()).containsExactly(502);
        }
    }

    @Test
    void aWaitLongerThanTheLimitIsLeftToTheCaller() {
        openAi.server().faults().onEndpoint(CHAT).always().rateLimited().retryAfter(Duration.ofMinutes(10));
        try (PromptClassifier classifier = classifier()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE)).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(10)));
            assertThat(statuses()).containsExactly(429);
            assertThat(clock.sleeps()).isEmpty();
        }
    }

    @Test
    void anHttpDateRetryAfterIsHonoured() {
        String inFiveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.ofInstant(clock.instant().plusSeconds(5), ZoneOffset.UTC));
        openAi.server().faults().onEndpoint(CHAT).nth(1).status(429).header("Retry-After", inFiveSeconds);
        try (PromptClassifier classifier = classifier()) {
            classifier.classify(ARTICLE);
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(5));
        }
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        openAi.server().faults().onEndpoint(CHAT).always().insufficientQuota();
        try (PromptClassifier classifier = classifier()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE)).isInstanceOfSatisfying(QuotaExceededException.class,
                    e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("insufficient_quota");
                    });
            assertThat(statuses()).containsExactly(429);
            assertThat(clock.sleeps()).isEmpty();
        }
    }

    @Test
    void refusedCredentialsAreNotRetriedAndTheKeyIsNowhere() {
        String secret = "sk-test-DO-NOT-LEAK-1234567890";
        try (PromptClassifier classifier = PromptClassifier.builder(
                        OpenAiClients.compatible(openAi.server().baseUrl(), secret), ServerFixture.TAXONOMY)
                .clock(clock).sleeper(clock).closeClientOnClose(true).build()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE))
                    .isInstanceOfSatisfying(dev.classifier.api.UnauthorizedException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("HTTP 401").contains("invalid_api_key");
                        assertThat(stackTrace(e)).doesNotContain(secret).doesNotContain("DO-NOT-LEAK");
                    });
            assertThat(statuses()).containsExactly(401);
            assertThat(classifier.toString()).doesNotContain(secret);
        }
        openAi.server().faults().onEndpoint(CHAT).always().status(403);
        try (PromptClassifier classifier = classifier()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE))
                    .isInstanceOf(dev.classifier.api.UnauthorizedException.class).hasMessageContaining("HTTP 403");
        }
    }

    @Test
    void aBadRequestIsNotRetried() {
        openAi.server().faults().onEndpoint(CHAT).always().status(400);
        try (PromptClassifier classifier = classifier()) {
            assertThatThrownBy(() -> classifier.classify(ARTICLE))
                    .isExactlyInstanceOf(ClassificationException.class).hasMessageContaining("HTTP 400");
            assertThat(statuses()).containsExactly(400);
        }
    }

    @Test
    void aRateLimitPausesEveryClassifierOnTheSharedLimits() {
        RateLimits shared = RateLimits.builder().unlimited().clock(clock).sleeper(clock).build();
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(3));
        List<Duration> throttled = new ArrayList<>();
        PromptListener listener = new PromptListener() {
            @Override
            public void onThrottled(String articleId, Duration waited) {
                throttled.add(waited);
            }
        };
        try (PromptClassifier first = ServerFixture.classifier(openAi.server(), clock).rateLimits(shared)
                     .retryPolicy(RetryPolicy.none()).build();
             PromptClassifier second = ServerFixture.classifier(openAi.server(), clock).rateLimits(shared)
                     .listener(listener).build()) {
            assertThatThrownBy(() -> first.classify(ARTICLE)).isInstanceOf(RateLimitedException.class);

            assertThat(second.classify(ARTICLE).label()).isEqualTo("politics");
            assertThat(throttled).containsExactly(Duration.ofSeconds(3));
            assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(3));
            assertThat(shared.stats().throttledRequests()).isEqualTo(1);
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
