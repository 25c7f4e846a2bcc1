package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.UnavailableException;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.UnreachableEndpoint;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each kind of unreachable endpoint, made on 127.0.0.1 (or a name that resolves nowhere, looked up in a hosts file
 * only), through real clients: the circuit opens after three attempts, and every later call fails at once. Bounds
 * are on attempts, not on time.
 */
class UnreachableEndpointTest {

    private static final int CALLS = 10;

    private final ManualClock clock = ManualClock.create();

    /** Runs {@value #CALLS} calls at the endpoint; returns the failures, in order, and counts the attempts. */
    private List<ClassificationException> callRepeatedly(UnreachableEndpoint endpoint, Timeout timeout,
                                                         AtomicInteger attempts) {
        OpenAIClient client = OpenAiClients.builder("sk-test").baseUrl(endpoint.baseUrl()).timeout(timeout).build();
        List<ClassificationException> failures = new ArrayList<>();
        try {
            OpenAiCalls calls = OpenAiCalls.builder(client).retryPolicy(RetryPolicy.defaults().withJitter(0))
                    .clock(clock).sleeper(clock).build();
            for (int i = 0; i < CALLS; i++) {
                String what = "classifying article 'a" + i + "'";
                try {
                    calls.run(what, attempt -> {
                        attempts.incrementAndGet();
                        return client.chat().completions().create(ChatCompletionCreateParams.builder()
                                .model("gpt-6-luna").addUserMessage("hello").build());
                    });
                } catch (ClassificationException e) {
                    failures.add(e);
                }
            }
        } finally {
            client.close();
        }
        return failures;
    }

    private void assertFailsFastAfterThreeAttempts(UnreachableEndpoint endpoint, Timeout timeout, String how) {
        AtomicInteger attempts = new AtomicInteger();

        List<ClassificationException> failures = callRepeatedly(endpoint, timeout, attempts);

        assertThat(attempts).hasValue(CircuitBreaker.DEFAULT_THRESHOLD);
        assertThat(failures).hasSize(CALLS).allSatisfy(e -> assertThat(e).isInstanceOf(UnavailableException.class));
        assertThat(failures.get(0)).hasMessageStartingWith("classifying article 'a0': could not get an answer")
                .hasMessageContaining(how);
        assertThat(failures.subList(1, CALLS)).allSatisfy(e -> assertThat(e)
                .hasMessageContaining("not sent, the endpoint is unreachable since " + ManualClock.DEFAULT_START)
                .hasMessageContaining(how));
    }

    @Test
    void aRefusedPort() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused()) {
            assertFailsFastAfterThreeAttempts(endpoint, OpenAiClients.defaultTimeout(), "refused");
        }
    }

    @Test
    void aNameThatDoesNotResolveWithoutAnyQueryLeavingTheMachine() {
        // The hosts file the surefire run names has localhost only: the JDK looks names up there and nowhere else.
        assertThat(System.getProperty("jdk.net.hosts.file")).endsWith("hosts");
        assertThatThrownBy(() -> InetAddress.getByName(UnreachableEndpoint.UNRESOLVABLE_HOST))
                .isInstanceOf(UnknownHostException.class).hasMessageContaining("hosts file");
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.unresolvable()) {
            assertFailsFastAfterThreeAttempts(endpoint, OpenAiClients.defaultTimeout(), "does not resolve");
        }
    }

    @Test
    void aPeerThatNeverAcceptsTimesOutOnTheConnectTimeout() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAccepts()) {
            assertFailsFastAfterThreeAttempts(endpoint, Timeout.builder().connect(Duration.ofMillis(200))
                    .request(Duration.ofSeconds(60)).build(), "the connection timed out");
        }
    }

    @Test
    void aPeerThatAcceptsAndNeverAnswers() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAnswers()) {
            assertFailsFastAfterThreeAttempts(endpoint, Timeout.builder().connect(Duration.ofSeconds(5))
                    .request(Duration.ofMillis(300)).build(), "no answer came");
            assertThat(endpoint.connections()).isBetween(1, CircuitBreaker.DEFAULT_THRESHOLD);
        }
    }

    @Test
    void aPeerThatDoesNotSpeakTls() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.notTls()) {
            assertFailsFastAfterThreeAttempts(endpoint, OpenAiClients.defaultTimeout(), "TLS handshake failed");
        }
    }

    @Test
    void aCallRetryingOnlyConnectionFailuresTriesUntilTheCircuitOpens() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused()) {
            OpenAIClient client = OpenAiClients.compatible(endpoint.baseUrl(), "sk-test");
            AtomicInteger attempts = new AtomicInteger();
            try {
                OpenAiCalls calls = OpenAiCalls.builder(client).retryPolicy(RetryPolicy.defaults().withJitter(0))
                        .clock(clock).sleeper(clock).build();
                OpenAiCalls.Call call = OpenAiCalls.Call.of("looking up model 'gpt-6-luna'")
                        .retrying(OpenAiCalls.Retries.CONNECTION_FAILURES_ONLY);

                assertThatThrownBy(() -> calls.run(call, attempt -> {
                    attempts.incrementAndGet();
                    return client.models().retrieve("gpt-6-luna");
                })).isInstanceOf(UnavailableException.class).hasMessageContaining("refused");

                assertThat(attempts).as("the policy allows 5; the circuit opens at 3")
                        .hasValue(CircuitBreaker.DEFAULT_THRESHOLD);
                assertThat(calls.circuitBreaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void theClientsConnectTimeoutIsWellBelowTheCallsTimeout() {
        Timeout timeout = OpenAiClients.defaultTimeout();

        assertThat(timeout.connect()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timeout.request()).isEqualTo(Duration.ofSeconds(60));
    }
}
