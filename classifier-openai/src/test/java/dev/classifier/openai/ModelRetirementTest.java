package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import dev.classifier.openai.RetirementStatus.Source;
import dev.classifier.openai.RetirementStatus.State;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.UnreachableEndpoint;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The retirement check against the test server, whose models carry OpenAI's shutdown dates, on a manual clock. */
class ModelRetirementTest {

    static final String MODEL = "/v1/models/{model}";
    static final LocalDate GPT_4O_MINI_SHUTDOWN = LocalDate.of(2027, 1, 14);

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private ManualClock clock;
    private OpenAIClient client;
    private ModelRetirement retirement;

    @BeforeEach
    void setUp() {
        clock = (ManualClock) openAi.server().clock();
        client = OpenAiClients.compatible(openAi.baseUrl(), openAi.apiKey());
        retirement = ModelRetirement.builder(client).clock(clock).build();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private void today(LocalDate day) {
        clock.advanceTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    @Test
    void aModelWithAShutdownDateRetiresInSoManyDaysAndTheCatalogNamesItsReplacement() {
        today(GPT_4O_MINI_SHUTDOWN.minusDays(89));

        RetirementStatus status = retirement.check("gpt-4o-mini");

        assertThat(status.state()).isEqualTo(State.RETIRING);
        assertThat(status.shutdownDate()).contains(GPT_4O_MINI_SHUTDOWN);
        assertThat(status.daysLeft()).hasValue(89);
        assertThat(status.replacement()).contains("gpt-6-luna");
        assertThat(status.source()).isEqualTo(Source.PROVIDER);
        assertThat(status.lookupProblem()).isEmpty();
        assertThat(status.needsAction(90)).isTrue();
        assertThat(status.needsAction(88)).isFalse();
        assertThat(status.describe()).isEqualTo("gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is"
                + " gpt-6-luna (date from the provider)");
        assertThat(openAi.server().journal().entries(MODEL)).singleElement()
                .satisfies(e -> assertThat(e.path()).isEqualTo("/v1/models/gpt-4o-mini"));
    }

    @Test
    void theProvidersDateWinsOverTheCatalogs() {
        openAi.server().models().shutdownDate("gpt-4o-mini", LocalDate.of(2026, 6, 30));
        today(LocalDate.of(2026, 6, 1));

        RetirementStatus status = retirement.check("gpt-4o-mini");

        assertThat(status.shutdownDate()).contains(LocalDate.of(2026, 6, 30));
        assertThat(status.daysLeft()).hasValue(29);
        assertThat(status.replacement()).contains("gpt-6-luna");
        assertThat(status.source()).isEqualTo(Source.PROVIDER);
    }

    @Test
    void aModelWithoutADateNeedsNothing() {
        RetirementStatus status = retirement.check("gpt-6-luna");

        assertThat(status.state()).isEqualTo(State.NO_SHUTDOWN_DATE);
        assertThat(status.shutdownDate()).isEmpty();
        assertThat(status.daysLeft()).isEmpty();
        assertThat(status.needsAction(90)).isFalse();
        assertThat(status.describe()).isEqualTo("gpt-6-luna: no shutdown date announced (per the provider)");
    }

    @Test
    void afterTheDateTheModelIsGoneAndTheReplacementIsNamed() {
        today(GPT_4O_MINI_SHUTDOWN.plusDays(1));

        RetirementStatus status = retirement.check("gpt-4o-mini");

        // The server answers 404 model_not_found; the catalog's date has passed: shut down, not merely not found.
        assertThat(status.state()).isEqualTo(State.SHUT_DOWN);
        assertThat(status.source()).isEqualTo(Source.CATALOG);
        assertThat(status.lookupProblem()).contains("the provider answers HTTP 404, code model_not_found");
        assertThat(status.daysLeft()).hasValue(-1);
        assertThat(status.describe()).isEqualTo("gpt-4o-mini is gone: it was shut down on 2027-01-14; its"
                + " replacement is gpt-6-luna (date from the model catalog); the provider answers HTTP 404, code"
                + " model_not_found");
    }

    @Test
    void onTheShutdownDateItselfTheModelIsShutDown() {
        today(GPT_4O_MINI_SHUTDOWN);

        assertThat(retirement.check("gpt-4o-mini").state()).isEqualTo(State.SHUT_DOWN);
    }

    @Test
    void aModelTheProviderDoesNotKnowIsNotFound() {
        RetirementStatus status = retirement.check("news-classifier");

        assertThat(status.state()).isEqualTo(State.NOT_FOUND);
        assertThat(status.replacement()).isEmpty();
        assertThat(status.needsAction(90)).isTrue();
        assertThat(status.describe()).startsWith("news-classifier: the provider does not find this model");
    }

    @Test
    void aServerWithoutAModelsEndpointDegradesToTheCatalog() {
        openAi.server().faults().onEndpoint("GET", MODEL).always().status(404);
        today(GPT_4O_MINI_SHUTDOWN.minusDays(10));

        RetirementStatus status = retirement.check("gpt-4o-mini");

        assertThat(status.state()).isEqualTo(State.RETIRING);
        assertThat(status.source()).isEqualTo(Source.CATALOG);
        assertThat(status.shutdownDate()).contains(GPT_4O_MINI_SHUTDOWN);
        assertThat(status.replacement()).contains("gpt-6-luna");
        assertThat(status.lookupProblem()).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo("the provider could not be asked (HTTP 404, code invalid_request_error)"));
        assertThat(status.describe()).contains("date from the model catalog")
                .contains("; the provider could not be asked (HTTP 404");
    }

    @Test
    void aFailedLookupIsOneAttemptAndNeverThrows() {
        openAi.server().faults().onEndpoint("GET", MODEL).always().status(500);

        RetirementStatus status = retirement.check("gpt-5-nano");

        assertThat(status.source()).isEqualTo(Source.CATALOG);
        assertThat(status.shutdownDate()).contains(LocalDate.of(2026, 12, 11));
        assertThat(status.lookupProblem()).hasValueSatisfying(p -> assertThat(p).contains("(HTTP 500"));
        assertThat(openAi.server().journal().count(MODEL)).isEqualTo(1);
    }

    @Test
    void anUnreachableHostDegradesToTheCatalogAndLeavesTheClientsCircuitOpen() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.refused()) {
            OpenAIClient unreachable = OpenAiClients.compatible(endpoint.baseUrl(), "sk-test");
            try {
                RetirementStatus status = ModelRetirement.builder(unreachable).clock(clock).sleeper(clock).build()
                        .check("gpt-4.1-mini");

                assertThat(status.state()).isEqualTo(State.RETIRING);
                assertThat(status.source()).isEqualTo(Source.CATALOG);
                assertThat(status.lookupProblem()).hasValueSatisfying(p -> assertThat(p)
                        .startsWith("the provider could not be asked (looking up model 'gpt-4.1-mini'")
                        .contains("the connection was refused"));
                // Tried until the circuit opened (two backoffs between three attempts): calls after it fail at once.
                assertThat(clock.sleeps()).hasSize(ModelRetirement.UNREACHABLE_ATTEMPTS - 1);
                assertThat(CircuitBreaker.sharedFor(unreachable, clock).state()).isEqualTo(CircuitBreaker.State.OPEN);
            } finally {
                unreachable.close();
            }
        }
    }

    @Test
    void aPeerThatNeverAnswersALookupIsGivenTheLookupsTimeOutNotTheClientsMinute() {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAnswers()) {
            OpenAIClient silent = OpenAiClients.compatible(endpoint.baseUrl(), "sk-test"); // 60 s per call
            try {
                RetirementStatus status = ModelRetirement.builder(silent).clock(clock).sleeper(clock)
                        .lookupTimeout(Timeout.builder().connect(Duration.ofSeconds(2)).request(Duration.ofMillis(300))
                                .build())
                        .build().check("gpt-4o-mini");

                assertThat(status.source()).isEqualTo(Source.CATALOG);
                assertThat(status.lookupProblem()).hasValueSatisfying(p -> assertThat(p)
                        .contains("no answer came before the time-out"));
                assertThat(endpoint.connections()).isEqualTo(ModelRetirement.UNREACHABLE_ATTEMPTS);
                assertThat(CircuitBreaker.sharedFor(silent, clock).state()).isEqualTo(CircuitBreaker.State.OPEN);
            } finally {
                silent.close();
            }
        }
    }

    @Test
    void theDefaultLookupTimeOutsAreSecondsAndConnectingTimesOutFirst() {
        Timeout timeout = ModelRetirement.defaultLookupTimeout();

        assertThat(timeout.connect()).isEqualTo(Duration.ofSeconds(3)).isLessThan(timeout.request());
        assertThat(timeout.request()).isEqualTo(Duration.ofSeconds(5)).isLessThan(OpenAiClients.DEFAULT_TIMEOUT);
    }

    @Test
    void aRetryPolicyGivenRetriesWhatItCovers() {
        openAi.server().faults().onEndpoint("GET", MODEL).always().status(500);

        RetirementStatus status = ModelRetirement.builder(client).clock(clock).sleeper(clock)
                .retryPolicy(RetryPolicy.defaults().withMaxAttempts(2).withJitter(0)).build().check("gpt-4o-mini");

        assertThat(status.lookupProblem()).hasValueSatisfying(p -> assertThat(p).contains("HTTP 500"));
        assertThat(openAi.server().journal().count(MODEL)).isEqualTo(2);
    }

    @Test
    void aFineTunedModelRetiresWithItsBase() {
        today(GPT_4O_MINI_SHUTDOWN.minusDays(5));
        String tuned = "ft:gpt-4o-mini-2024-07-18:testkit:news:abc123";

        // The server has no such fine-tune: not found by the provider, but the catalog knows its base's date.
        RetirementStatus status = retirement.check(tuned);

        assertThat(status.state()).isEqualTo(State.NOT_FOUND);
        assertThat(status.shutdownDate()).contains(GPT_4O_MINI_SHUTDOWN);
        assertThat(status.replacement()).contains("gpt-6-luna");
    }
}
