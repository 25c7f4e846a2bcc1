package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
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
            trainingFile = TestService.fineTuning(c.client, clock).build().upload(Training.write(dir, 12).training()).id();
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
    void aProviderThatNoLongerCreatesJobsIsReportedPlainlyAndNotRetried() {
        server().fineTuning().refuseCreation(true);
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuning fineTuning = TestService.fineTuning(c.client, clock).build();

            assertThatThrownBy(() -> fineTuning.create(request()))
                    .isInstanceOfSatisfying(CreationRefusedException.class, e -> {
                        assertThat(e.status()).hasValue(403);
                        assertThat(e.code()).contains("fine_tuning_unavailable");
                        assertThat(e.isRetryable()).isFalse();
                        assertThat(e.getMessage()).contains("refused to create a fine-tuning job on gpt-4o-mini",
                                "not available for this organization").doesNotContain(server().apiKey());
                    });
        }
        assertThat(creations()).hasSize(1);
        assertThat(server().fineTuning().jobIds()).isEmpty();
    }

    @Test
    void noQuotaIsARefusalToo() {
        server().faults().onEndpoint("POST", CREATE).always().insufficientQuota();
        try (Closing c = new Closing(TestService.client(server()))) {
            assertThatThrownBy(() -> TestService.fineTuning(c.client, clock).build().create(request()))
                    .isInstanceOfSatisfying(CreationRefusedException.class,
                            e -> assertThat(e.code()).contains("insufficient_quota"));
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
                        assertThat(e.getMessage()).contains("(model)", "davinci-001");
                    });
            assertThatThrownBy(() -> fineTuning.create(JobRequest.builder("gpt-4o-mini", "file-nope").build()))
                    .isInstanceOfSatisfying(InvalidJobRequestException.class,
                            e -> assertThat(e.param()).contains("training_file"));
        }
        assertThat(creations()).hasSize(2);
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
                    .isInstanceOfSatisfying(FineTuningUnavailableException.class, e ->
                            assertThat(e.getMessage()).contains("looking for the job of request",
                                    "not creating one, since it may exist"));
        }
        assertThat(creations()).hasSize(1);
        assertThat(server().fineTuning().jobIds()).hasSize(1);
    }

    @Test
    void afterEveryAttemptFailsTheCallerLearnsItIsSafeToTryAgain() {
        server().faults().onEndpoint("POST", CREATE).always().status(502);
        try (Closing c = new Closing(TestService.client(server()))) {
            FineTuning fineTuning = TestService.fineTuning(c.client, clock).attempts(3).build();

            assertThatThrownBy(() -> fineTuning.create(request()))
                    .isInstanceOfSatisfying(FineTuningUnavailableException.class, e -> {
                        assertThat(e.status()).hasValue(502);
                        assertThat(e.getMessage()).contains("3 attempts", "so it is safe to try again");
                    });
        }
        assertThat(creations()).hasSize(3);
        assertThat(server().fineTuning().jobIds()).isEmpty();
    }
}
