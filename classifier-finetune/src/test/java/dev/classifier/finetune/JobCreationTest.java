package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.QuotaExceededException;
import dev.classifier.api.UnavailableException;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Creating a job costs money, so it is never retried blindly: refusals are reported plainly, and after a failure
 * that leaves it unclear whether the job was made, the job is looked for before creating again.
 */
class JobCreationTest {

    private static final ManualClock clock = ManualClock.create();
    private static final String CREATE = "/v1/fine_tuning/jobs";

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @TempDir
    Path dir;

    private String trainingFile;

    @BeforeEach
    void upload() {
        try (Closing c = new Closing(TestService.client(openAi.server()))) {
            trainingFile = TestService.fineTuning(c.client, clock).build().upload(Training.write(dir, 12).training())
                    .id();
        }
    }

    private OpenAiTestServer server() {
        return openAi.server();
    }

    private JobRequest request() {
        return JobRequest.builder("gpt-4o-mini-2024-07-18", trainingFile).suffix("news").build();
    }

    private List<JournalEntry> creations() {
        return server().journal().entries(CREATE).stream().filter(e -> e.method().equals("POST")).toList();
    }

    private List<JournalEntry> lookups() {
        return server().journal().entries(CREATE).stream().filter(e -> e.method().equals("GET")).toList();
    }

    /** Closes the SDK client (it is not AutoCloseable). */
    private record Closing(OpenAIClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
        }
    }

    @Test
    void aProviderThatNoLongerCreatesJobsForThisAccountIsReportedPlainlyAndNotRetried() {
        // 2026: OpenAI's wind-down refuses some organisations before it refuses everyone on 2027-01-06.
        server().fineTuning().refuseCreation(true);
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuning fineTuning = TestService.fineTuning(c.client, clock).build();

            assertThatThrownBy(() -> fineTuning.create(request()))
                    .isInstanceOfSatisfying(CreationRefusedException.class, e -> {
                        assertThat(e.status()).hasValue(403);
                        assertThat(e.code()).contains("fine_tuning_unavailable");
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("creating a fine-tuning job on gpt-4o-mini-2024-07-18 was"
                                        + " refused: the provider takes no new fine-tuning jobs from this account",
                                "from 2027-01-06 it takes none from anyone", "HTTP 403", "Azure OpenAI")
                                .doesNotContain(server().apiKey())
                                .doesNotContain("not available for this organization"); // the provider's wording
                        assertThat(e.alternatives()).extracting(Alternative::route)
                                .containsExactly(Alternative.Route.values());
                    });
        }
        assertThat(creations()).hasSize(1);
        assertThat(server().fineTuning().jobIds()).isEmpty();
    }

    @Test
    void noQuotaIsTheLayersTypedRefusal() {
        server().faults().onEndpoint("POST", CREATE).always().insufficientQuota();
        try (Closing c = new Closing(TestService.client(server()))) {
            assertThatThrownBy(() -> TestService.fineTuning(c.client, clock).build().create(request()))
                    .isInstanceOfSatisfying(QuotaExceededException.class, e -> {
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("insufficient_quota");
                    });
        }
        assertThat(creations()).hasSize(1);
    }

    @Test
    void aRequestTheServiceRefusesNamesTheParameter() {
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuning fineTuning = TestService.fineTuning(c.client, clock).build();

            assertThatThrownBy(() -> fineTuning.create(JobRequest.builder("davinci-001", trainingFile).build()))
                    .isInstanceOfSatisfying(InvalidJobRequestException.class, e -> {
                        assertThat(e.code()).contains("model_not_available");
                        assertThat(e.param()).contains("model");
                        assertThat(e.getMessage()).contains("the service cannot fine-tune 'davinci-001'",
                                "param model", "fine-tunable in the catalog: gpt-4.1-mini")
                                .doesNotContain("is not available for fine-tuning or does not exist");
                    });
            assertThatThrownBy(() -> fineTuning.create(JobRequest.builder("gpt-6-luna", trainingFile).build()))
                    .isInstanceOfSatisfying(InvalidJobRequestException.class, e ->
                            assertThat(e.getMessage()).contains("the catalog has 'gpt-6-luna' as not fine-tunable",
                                    "open-weight model"));
            assertThatThrownBy(() -> fineTuning.create(JobRequest.builder("gpt-4o-mini", "file-nope").build()))
                    .isInstanceOfSatisfying(InvalidJobRequestException.class,
                            e -> assertThat(e.param()).contains("training_file"));
        }
        assertThat(creations()).hasSize(3);
    }

    @Test
    void anAnswerLostAfterTheJobWasMadeFindsThatJobInsteadOfPayingTwice() {
        try (Closing c = new Closing(TestService.client(server(),
                Interceptors.dropAnswer("POST", "/v1/fine_tuning/jobs", 1)))) {
            JobRequest request = request();

            FineTuneJob job = TestService.fineTuning(c.client, clock).build().create(request);

            assertThat(server().fineTuning().jobIds()).containsExactly(job.id());
            assertThat(creations()).hasSize(1);
            assertThat(lookups()).singleElement().satisfies(e ->
                    assertThat(e.query()).containsEntry("metadata[" + JobRequest.REQUEST_ID_KEY + "]",
                            request.requestId()));
            assertThat(job.refresh().metadata()).containsEntry(JobRequest.REQUEST_ID_KEY, request.requestId());
        }
    }

    @Test
    void aServerErrorBeforeTheJobWasMadeIsRetriedAfterLookingForIt() {
        server().faults().onEndpoint("POST", CREATE).nth(1).status(500);
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuneJob job = TestService.fineTuning(c.client, clock).build().create(request());

            assertThat(server().fineTuning().jobIds()).containsExactly(job.id());
        }
        assertThat(server().journal().entries(CREATE)).extracting(JournalEntry::method, JournalEntry::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", 500),
                        org.assertj.core.groups.Tuple.tuple("GET", 200),
                        org.assertj.core.groups.Tuple.tuple("POST", 200));
        assertThat(clock.sleeps()).contains(Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitMeansNothingWasMadeSoItIsRetriedWithoutLooking() {
        server().faults().onEndpoint("POST", CREATE).first(2).rateLimited();
        try (Closing c = new Closing(TestService.client(server()))) {
            TestService.fineTuning(c.client, clock).build().create(request());
        }
        assertThat(creations()).extracting(JournalEntry::status).containsExactly(429, 429, 200);
        assertThat(lookups()).isEmpty();
        assertThat(server().fineTuning().jobIds()).hasSize(1);
    }

    @Test
    void whenTheLookupFailsTooNothingIsCreatedAgain() {
        server().faults().onEndpoint("GET", CREATE).always().status(503);
        try (Closing c = new Closing(TestService.client(server(),
                Interceptors.dropAnswer("POST", "/v1/fine_tuning/jobs", 1)))) {
            assertThatThrownBy(() -> TestService.fineTuning(c.client, clock).build().create(request()))
                    .isInstanceOfSatisfying(UnavailableException.class, e ->
                            assertThat(e.getMessage()).contains("looking for the job of request",
                                    "not creating one, since it may exist", "HTTP 503"));
        }
        assertThat(creations()).hasSize(1);
        assertThat(server().fineTuning().jobIds()).hasSize(1);
    }

    @Test
    void afterEveryAttemptFailsTheCallerLearnsItIsSafeToTryAgain() {
        server().faults().onEndpoint("POST", CREATE).always().status(502);
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuning fineTuning = TestService.fineTuning(c.client, clock)
                    .retryPolicy(TestService.RETRIES.withMaxAttempts(3)).build();

            assertThatThrownBy(() -> fineTuning.create(request()))
                    .isInstanceOfSatisfying(UnavailableException.class, e -> {
                        assertThat(e.isRetryable()).isTrue();
                        assertThat(e.getMessage()).contains("HTTP 502", "3 failed attempt(s)",
                                "so it is safe to try again");
                    });
        }
        // Each retry followed a 5xx, so each looked for the job first; and once more at the end.
        assertThat(server().journal().entries(CREATE)).extracting(JournalEntry::method)
                .containsExactly("POST", "GET", "POST", "GET", "POST", "GET");
        assertThat(creations()).hasSize(3);
        assertThat(server().fineTuning().jobIds()).isEmpty();
    }
}
