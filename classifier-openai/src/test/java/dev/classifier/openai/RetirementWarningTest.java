package dev.classifier.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.Timeout;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.UnreachableEndpoint;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-use warning: logged (SLF4J, captured) within 90 days of the shutdown, once per model per client. */
class RetirementWarningTest {

    static final String MODEL = "/v1/models/{model}";
    static final LocalDate SHUTDOWN = LocalDate.of(2027, 1, 14);

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

    private void today(LocalDate day) {
        clock.advanceTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    private List<String> warningsOf(RetirementWarning warning, String model) {
        return LogCapture.linesOf(() -> warning.checkOnce(model)).stream().filter(l -> l.contains("WARN")).toList();
    }

    @Test
    void eightyNineDaysBeforeTheShutdownTheFirstUseWarnsAndNamesTheReplacement() {
        today(SHUTDOWN.minusDays(89));

        List<String> warnings = warningsOf(RetirementWarning.forClient(client, clock), "gpt-4o-mini");

        assertThat(warnings).singleElement().satisfies(line -> assertThat(line)
                .contains("gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is gpt-6-luna")
                .contains("model(\"gpt-6-luna\")"));
    }

    @Test
    void ninetyOneDaysBeforeTheShutdownNothingIsLogged() {
        today(SHUTDOWN.minusDays(91));
        AtomicReference<Optional<RetirementStatus>> found = new AtomicReference<>();
        RetirementWarning warning = RetirementWarning.forClient(client, clock);

        List<String> lines = LogCapture.linesOf(() -> found.set(warning.checkOnce("gpt-4o-mini")));

        assertThat(lines).noneMatch(l -> l.contains("WARN"));
        assertThat(found.get()).hasValueSatisfying(s -> assertThat(s.daysLeft()).hasValue(91));
        assertThat(openAi.server().journal().count(MODEL)).as("the model was looked up").isEqualTo(1);
    }

    @Test
    void theWarningComesOncePerModelPerClient() {
        today(SHUTDOWN.minusDays(30));
        RetirementWarning first = RetirementWarning.forClient(client, clock);
        RetirementWarning second = RetirementWarning.forClient(client, clock); // another classifier, same client

        assertThat(warningsOf(first, "gpt-4o-mini")).hasSize(1);
        assertThat(warningsOf(first, "gpt-4o-mini")).isEmpty();
        assertThat(warningsOf(second, "gpt-4o-mini")).isEmpty();
        assertThat(openAi.server().journal().count(MODEL)).as("one lookup for the client").isEqualTo(1);

        assertThat(warningsOf(second, "gpt-4.1-mini")).as("another model is checked on its own").hasSize(1);
        OpenAIClient other = OpenAiClients.compatible(openAi.baseUrl(), openAi.apiKey());
        try {
            assertThat(warningsOf(RetirementWarning.forClient(other, clock), "gpt-4o-mini"))
                    .as("another client checks again").hasSize(1);
        } finally {
            other.close();
        }
        assertThat(openAi.server().journal().count(MODEL)).isEqualTo(3);
    }

    @Test
    void aShutDownModelWarnsThatItIsGone() {
        today(SHUTDOWN.plusDays(3));

        assertThat(warningsOf(RetirementWarning.forClient(client, clock), "gpt-4o-mini")).singleElement()
                .satisfies(line -> assertThat(line).contains("gpt-4o-mini is gone: it was shut down on 2027-01-14")
                        .contains("gpt-6-luna"));
    }

    @Test
    void aModelTheProviderDoesNotFindIsLeftToTheCallItself() {
        // An Azure deployment name is no model id: the lookup's 404 must not raise a false alarm.
        assertThat(warningsOf(RetirementWarning.forClient(client, clock), "news-classifier")).isEmpty();
    }

    @Test
    void aLookupThatFailsFallsBackToTheCatalogAndStillWarns() {
        openAi.server().faults().onEndpoint("GET", MODEL).always().status(404);
        today(SHUTDOWN.minusDays(60));

        assertThat(warningsOf(RetirementWarning.forClient(client, clock), "gpt-4o-mini")).singleElement()
                .satisfies(line -> assertThat(line).contains("in 60 days").contains("date from the model catalog"));
    }

    @Test
    void callsWhileTheFirstIsCheckingWaitForItsVerdictOnTheEndpoint() throws Exception {
        try (UnreachableEndpoint endpoint = UnreachableEndpoint.neverAnswers()) {
            OpenAIClient silent = OpenAiClients.compatible(endpoint.baseUrl(), "sk-test"); // 60 s per call
            ModelRetirement check = ModelRetirement.builder(silent).clock(clock).sleeper(clock)
                    .lookupTimeout(Timeout.builder().connect(Duration.ofSeconds(2)).request(Duration.ofMillis(300))
                            .build())
                    .build();
            RetirementWarning warning = RetirementWarning.of(check, silent, ModelRetirement.DEFAULT_WARNING_DAYS);
            ExecutorService first = Executors.newSingleThreadExecutor();
            try {
                Future<Optional<RetirementStatus>> firstCheck = first.submit(() -> warning.checkOnce("gpt-6-luna"));
                while (endpoint.connections() == 0 && !firstCheck.isDone()) {
                    Thread.onSpinWait(); // until the first lookup is on the wire
                }

                Optional<RetirementStatus> second = warning.checkOnce("gpt-6-luna");

                // The second call returned only once the first had tried three times and opened the circuit.
                assertThat(second).isEmpty();
                assertThat(CircuitBreaker.sharedFor(silent, clock).state()).isEqualTo(CircuitBreaker.State.OPEN);
                assertThat(firstCheck.get()).hasValueSatisfying(s -> assertThat(s.lookupProblem()).isPresent());
                assertThat(endpoint.connections()).isEqualTo(ModelRetirement.UNREACHABLE_ATTEMPTS);
            } finally {
                first.shutdownNow();
                silent.close();
            }
        }
    }

    @Test
    void aCustomWindowWarnsEarlier() {
        today(SHUTDOWN.minusDays(150));
        ModelRetirement check = ModelRetirement.builder(client).clock(clock).build();

        assertThat(warningsOf(RetirementWarning.of(check, client, 180), "gpt-4o-mini")).hasSize(1);
    }
}
