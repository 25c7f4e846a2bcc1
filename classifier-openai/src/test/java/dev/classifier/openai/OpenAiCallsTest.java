package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.QuotaExceededException;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.UnauthorizedException;
import dev.classifier.api.UnavailableException;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one retry loop and the one error mapping, against the test server, on a manual clock (nothing sleeps). */
class OpenAiCallsTest {

    static final String CHAT = "/v1/chat/completions";

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private ManualClock clock;
    private OpenAIClient client;

    @BeforeEach
    void setUp() {
        clock = (ManualClock) openAi.server().clock();
        client = OpenAiClients.compatible(openAi.baseUrl(), openAi.apiKey());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private OpenAiCalls.Builder calls() {
        return OpenAiCalls.builder(client).retryPolicy(RetryPolicy.defaults().withJitter(0)).clock(clock)
                .sleeper(clock).circuitBreaker(CircuitBreaker.builder().clock(clock).build());
    }

    private ChatCompletion chat(OpenAIClient on, String model) {
        return on.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("The striker scored a goal").build());
    }

    private ChatCompletion chat(OpenAiCalls calls) {
        return calls.run("classifying article 'a1'", attempt -> chat(client, "gpt-4o-mini"));
    }

    private List<Integer> statuses() {
        return openAi.server().journal().entries(CHAT).stream().map(JournalEntry::status).toList();
    }

    @Test
    void theWaitAProviderAsksForIsHonoured() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(2));
        openAi.server().faults().onEndpoint(CHAT).nth(2).rateLimited().retryAfterMs(1_500)
                .retryAfter(Duration.ofSeconds(9));

        assertThat(chat(calls().build()).choices()).hasSize(1);

        assertThat(statuses()).containsExactly(429, 429, 200);
        // retry-after-ms wins over Retry-After; no jitter on a wait the provider named.
        assertThat(clock.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofMillis(1_500));
    }

    @Test
    void serverErrorsAndDroppedConnectionsBackOffExponentially() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).status(500);
        openAi.server().faults().onEndpoint(CHAT).nth(2).status(503);
        openAi.server().faults().onEndpoint(CHAT).nth(3).dropConnection();

        chat(calls().build());

        assertThat(statuses()).containsExactly(500, 503, 0, 200);
        assertThat(clock.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1),
                Duration.ofSeconds(2));
    }

    @Test
    void whenAttemptsRunOutTheCallerGetsTheTypedErrorWithoutTheProvidersWords() {
        openAi.server().faults().onEndpoint(CHAT).always().status(502);
        OpenAiCalls calls = calls().retryPolicy(RetryPolicy.defaults().withJitter(0).withMaxAttempts(3)).build();

        assertThatThrownBy(() -> chat(calls)).isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).startsWith("classifying article 'a1': ").contains("HTTP 502");
        });
        assertThat(statuses()).containsExactly(502, 502, 502);
    }

    @Test
    void anExhaustedQuotaIsNotRetried() {
        openAi.server().faults().onEndpoint(CHAT).always().insufficientQuota();

        assertThatThrownBy(() -> chat(calls().build())).isInstanceOfSatisfying(QuotaExceededException.class, e -> {
            assertThat(e.isRetryable()).isFalse();
            assertThat(e.getMessage()).contains("insufficient_quota").doesNotContainIgnoringCase("exceeded your");
        });
        assertThat(statuses()).containsExactly(429);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void refusedCredentialsAreNotRetriedAndKeepNeitherTheKeyNorTheSdksException() {
        String secret = "sk-test-DO-NOT-LEAK-1234567890";
        OpenAIClient wrongKey = OpenAiClients.compatible(openAi.baseUrl(), secret);
        try {
            OpenAiCalls calls = OpenAiCalls.builder(wrongKey).clock(clock).sleeper(clock).build();
            assertThatThrownBy(() -> calls.run("a call", attempt -> chat(wrongKey, "gpt-4o-mini")))
                    .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getCause()).isNull();
                        assertThat(e.getMessage()).contains("HTTP 401").contains("invalid_api_key");
                        assertThat(stackTrace(e)).doesNotContain(secret).doesNotContain("DO-NOT-LEAK")
                                .doesNotContain("Incorrect API key");
                    });
        } finally {
            wrongKey.close();
        }
        openAi.server().faults().onEndpoint(CHAT).always().status(403);
        assertThatThrownBy(() -> chat(calls().build())).isInstanceOfSatisfying(UnauthorizedException.class, e -> {
            assertThat(e.getMessage()).contains("HTTP 403");
            assertThat(e.getCause()).isNull();
        });
        assertThat(statuses()).containsExactly(401, 403);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aModelThatIsGoneIsNotRetriedAndItsReplacementIsNamed() {
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", LocalDate.of(2026, 1, 1));
        OpenAiCalls calls = calls().build();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("classifying article 'a1'")
                .model(ModelCatalog.defaults().profile("gpt-4o-mini"));

        assertThatThrownBy(() -> calls.run(call, attempt -> chat(client, "gpt-4o-mini")))
                .isExactlyInstanceOf(ClassificationException.class)
                .satisfies(e -> assertThat(((ClassificationException) e).isRetryable()).isFalse())
                .hasMessageContaining("the model 'gpt-4o-mini' is gone")
                .hasMessageContaining("model_not_found")
                .hasMessageContaining("shut down on 2027-01-14")
                .hasMessageContaining("its replacement is 'gpt-6-luna'")
                .hasMessageNotContaining("does not exist");
        assertThat(statuses()).containsExactly(404);
    }

    @Test
    void aModelTheCatalogDoesNotKnowIsGoneWithoutAReplacement() {
        OpenAiCalls.Call call = OpenAiCalls.Call.of("a call").model(ModelCatalog.defaults().profile("gpt-9-typo"));

        assertThatThrownBy(() -> calls().build().run(call, attempt -> chat(client, "gpt-9-typo")))
                .hasMessageContaining("'gpt-9-typo' is gone").hasMessageContaining("names no replacement");
    }

    @Test
    void retriesAreLoggedAtWarnOncePerBurst() {
        for (int n : new int[] {1, 2, 3, 5, 6}) {
            openAi.server().faults().onEndpoint(CHAT).nth(n).status(500);
        }
        OpenAiCalls calls = calls().build();

        List<String> log = LogCapture.linesOf(() -> {
            chat(calls); // three failures, then an answer: one burst
            chat(calls); // two more, then an answer: a second burst
        });

        assertThat(statuses()).containsExactly(500, 500, 500, 200, 500, 500, 200);
        assertThat(log.stream().filter(l -> l.contains("WARN") && l.contains("retrying"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("classifying article 'a1'").contains("UnavailableException"));
    }

    @Test
    void everyFailedAttemptIsHeardWithTheProvidersIdentifiers() {
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(1));
        List<OpenAiCalls.FailedAttempt> heard = new ArrayList<>();
        OpenAiCalls calls = calls().listener(heard::add).build();

        chat(calls);

        assertThat(heard).singleElement().satisfies(f -> {
            assertThat(f.attempt()).isEqualTo(1);
            assertThat(f.error()).isInstanceOf(RateLimitedException.class);
            assertThat(f.retryIn()).contains(Duration.ofSeconds(1));
            assertThat(f.provider()).hasValueSatisfying(p -> {
                assertThat(p.status()).isEqualTo(429);
                assertThat(p.code()).contains("rate_limit_exceeded");
                assertThat(p.requestId()).isPresent();
            });
        });
    }

    @Test
    void aModuleMayRefineTheMappedError() {
        openAi.server().faults().onEndpoint(CHAT).always().error(400, "invalid_request_error", "invalid_n_examples",
                "Training file has 3 example(s), but must have at least 10 examples");
        OpenAiCalls.Call call = OpenAiCalls.Call.of("creating a job")
                .refinedBy((error, mapped) -> error.is("invalid_n_examples")
                        ? new ClassificationException("too few examples (" + error.describe() + ")") : mapped);

        assertThatThrownBy(() -> calls().build().run(call, attempt -> chat(client, "gpt-4o-mini")))
                .hasMessageStartingWith("too few examples (HTTP 400, type invalid_request_error,"
                        + " code invalid_n_examples")
                .hasMessageNotContaining("Training file");
    }

    @Test
    void aProvidersWaitPausesEveryCallerOnTheSharedLimits() throws Exception {
        RateLimits shared = RateLimits.builder().unlimited().clock(clock).sleeper(clock).build();
        openAi.server().faults().onEndpoint(CHAT).nth(1).rateLimited().retryAfter(Duration.ofSeconds(3));
        OpenAiCalls calls = calls().retryPolicy(RetryPolicy.none()).rateLimits(shared).build();

        assertThatThrownBy(() -> chat(calls)).isInstanceOf(RateLimitedException.class);

        assertThat(shared.acquire(1)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aWaitLongerThanThePolicyAllowsIsLeftToTheCaller() {
        openAi.server().faults().onEndpoint(CHAT).always().rateLimited().retryAfter(Duration.ofMinutes(10));

        assertThatThrownBy(() -> chat(calls().build())).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(10)));
        assertThat(statuses()).containsExactly(429);
        assertThat(clock.sleeps()).isEmpty();
    }

    @Test
    void aCallRetryingOnlyConnectionFailuresGivesAnyAnswerToTheCallerAtOnce() {
        openAi.server().faults().onEndpoint(CHAT).always().status(503);
        OpenAiCalls.Call call = OpenAiCalls.Call.of("looking something up")
                .retrying(OpenAiCalls.Retries.CONNECTION_FAILURES_ONLY);

        assertThatThrownBy(() -> calls().build().run(call, attempt -> chat(client, "gpt-4o-mini")))
                .isInstanceOf(UnavailableException.class).hasMessageContaining("HTTP 503");

        assertThat(statuses()).containsExactly(503);
        assertThat(clock.sleeps()).isEmpty();
        assertThat(OpenAiCalls.Call.of("x").retries()).isEqualTo(OpenAiCalls.Retries.WHAT_MAY_PASS);
    }

    @Test
    void anOpenCircuitFailsACallBeforeItIsPreparedAndTheListenerHearsIt() {
        CircuitBreaker circuit = CircuitBreaker.builder().clock(clock).build();
        List<OpenAiCalls.FailedAttempt> heard = new ArrayList<>();
        OpenAiCalls calls = calls().circuitBreaker(circuit).build();
        OpenAiCalls.Call call = OpenAiCalls.Call.of("classifying article 'a1'");

        calls.failFastIfUnreachable(call, heard::add); // closed: nothing to say
        for (int i = 0; i < CircuitBreaker.DEFAULT_THRESHOLD; i++) {
            circuit.beforeCall("a call");
            circuit.onConnectionFailure(ConnectionFailure.REFUSED, new ConnectException("refused"));
        }

        assertThatThrownBy(() -> calls.failFastIfUnreachable(call, heard::add))
                .isInstanceOf(UnavailableException.class)
                .hasMessageStartingWith("classifying article 'a1': not sent, the endpoint is unreachable since");
        assertThat(heard).singleElement().satisfies(f -> {
            assertThat(f.what()).isEqualTo("classifying article 'a1'");
            assertThat(f.retryIn()).isEmpty();
            assertThat(f.provider()).isEmpty();
        });
        assertThat(statuses()).isEmpty();
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
