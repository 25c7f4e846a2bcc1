package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIIoException;
import com.openai.models.finetuning.jobs.JobCreateParams;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A restarted process resumes watching from the state file; statuses and file states the API does not document. */
class ResumeAndOddStatesTest {

    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @TempDir
    Path dir;

    private final List<OpenAIClient> clients = new ArrayList<>();
    private JobStateFile state;

    @BeforeEach
    void stateFile() {
        state = JobStateFile.at(dir.resolve("state/job.json"));
    }

    @AfterEach
    void close() {
        clients.forEach(OpenAIClient::close);
    }

    /** A new process: a new client and a new FineTuning, nothing shared but the server and the state file. */
    private FineTuning process(okhttp3.Interceptor... interceptors) {
        OpenAIClient client = TestService.client(openAi.server(), interceptors);
        clients.add(client);
        return TestService.fineTuning(client, clock).build();
    }

    private JobRequest request(FineTuning fineTuning) {
        return JobRequest.builder("gpt-4o-mini-2024-07-18",
                fineTuning.upload(Training.write(dir, 12).training()).id()).suffix("news").epochs(2).build();
    }

    @Test
    void aRestartedProcessResumesWatchingTheSameJob() throws Exception {
        FineTuning first = process();
        JobRequest request = request(first);
        FineTuneJob started = first.start(request, state);
        clock.advance(Duration.ofMinutes(4));
        assertThatThrownBy(() -> started.await(Duration.ofMinutes(1), JobListener.NONE))
                .isInstanceOf(AwaitTimeoutException.class); // the first process gives up (or dies) here

        FineTuning second = process();
        Optional<FineTuneJob> resumed = second.resume(state);

        assertThat(resumed).hasValueSatisfying(job -> assertThat(job.id()).isEqualTo(started.id()));
        assertThat(resumed.get().await(Duration.ofHours(1), JobListener.NONE).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(second.start(request, state).id()).isEqualTo(started.id());
        assertThat(openAi.server().fineTuning().jobIds()).containsExactly(started.id());
        String saved = Files.readString(state.path(), StandardCharsets.UTF_8);
        assertThat(saved).contains("\"job_id\" : \"" + started.id() + "\"", request.requestId(), "\"v\" : 1");
        assertThat(state.read().orElseThrow().request()).isEqualTo(request);
    }

    @Test
    void aProcessThatDiedWhileCreatingIsFinishedByLookingUpTheRequest() {
        FineTuning dying = process(Interceptors.dropAnswer("POST", "/v1/fine_tuning/jobs", 1));
        JobRequest request = request(dying);
        // It wrote the request down, sent the creation, and died before hearing the answer.
        state.write(new JobStateFile.State(request, Optional.empty(), clock.instant()));
        assertThatThrownBy(() -> clients.get(0).fineTuning().jobs().create(JobCreateParams.builder()
                .model(request.model()).trainingFile(request.trainingFile())
                .metadata(JobCreateParams.Metadata.builder().putAdditionalProperty(JobRequest.REQUEST_ID_KEY,
                        JsonValue.from(request.requestId())).build()).build()))
                .isInstanceOf(OpenAIIoException.class);
        assertThat(openAi.server().fineTuning().jobIds()).hasSize(1);

        FineTuneJob resumed = process().resume(state).orElseThrow();

        assertThat(openAi.server().fineTuning().jobIds()).containsExactly(resumed.id());
        assertThat(state.read().orElseThrow().jobId()).contains(resumed.id());
    }

    @Test
    void aProcessThatDiedBeforeCreatingCreatesOnResume() {
        FineTuning first = process();
        JobRequest request = request(first);
        state.write(new JobStateFile.State(request, Optional.empty(), clock.instant()));

        FineTuneJob resumed = process().resume(state).orElseThrow();

        assertThat(openAi.server().fineTuning().jobIds()).containsExactly(resumed.id());
        assertThat(resumed.refresh().metadata()).containsEntry(JobRequest.REQUEST_ID_KEY, request.requestId());
    }

    @Test
    void withoutAStateFileThereIsNothingToResume() {
        assertThat(process().resume(state)).isEmpty();
    }

    @Test
    void aStateFileOfAnotherRequestIsNotReusedSilently() {
        FineTuning fineTuning = process();
        fineTuning.start(request(fineTuning), state);

        assertThatThrownBy(() -> fineTuning.start(request(fineTuning), state))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("belongs to another job request", "delete the file to start over");
        assertThat(openAi.server().fineTuning().jobIds()).hasSize(1);
    }

    @Test
    void aBrokenStateFileIsReportedWithItsPath() throws Exception {
        Files.createDirectories(state.path().getParent());
        Files.writeString(state.path(), "{\"v\":1,\"request\":{}}");

        assertThatThrownBy(() -> process().resume(state)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(state.path().toString(), "request.request_id is missing");
    }

    @Test
    void anUndocumentedStatusSuchAsPausedIsWatchedThrough() {
        FineTuning fineTuning = process(Interceptors.rewrite("GET", "/v1/fine_tuning/jobs/ftjob-[^/]+", 3,
                job -> {
                    if (job.path("status").asText().equals("queued")) {
                        job.put("status", "paused");
                    }
                }));
        JobRequest request = request(fineTuning);
        FineTuneJob job = fineTuning.create(request);
        clock.advance(Duration.ofMinutes(1)); // queued now, shown as paused for the next reads
        List<JobProgress> heard = new ArrayList<>();

        JobSnapshot done = job.await(Duration.ofHours(1), heard::add);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        List<JobStatus> statuses = heard.stream().filter(JobProgress.StatusChanged.class::isInstance)
                .map(p -> ((JobProgress.StatusChanged) p).job().status()).toList();
        assertThat(statuses).startsWith(new JobStatus("paused")).endsWith(JobStatus.SUCCEEDED);
        assertThat(new JobStatus("paused").isDocumented()).isFalse();
        assertThat(new JobStatus("paused").isTerminal()).isFalse();
    }

    @Test
    void anUploadIsAwaitedUntilTheServiceHasProcessedIt() {
        FineTuning fineTuning = process(
                Interceptors.rewrite("POST", "/v1/files", 1, f -> f.put("status", "uploaded")),
                Interceptors.rewrite("GET", "/v1/files/file-[^/]+", 2, f -> f.put("status", "uploaded")));
        var before = clock.sleeps().size();

        UploadedFile file = fineTuning.upload(Training.write(dir, 12).training());

        assertThat(openAi.server().files().find(file.id())).isPresent();
        assertThat(clock.sleeps().subList(before, clock.sleeps().size()))
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(openAi.server().journal().count("/v1/files/{file_id}")).isEqualTo(3);
    }

    @Test
    void anUploadTheServiceCouldNotProcessIsRejectedWithItsDetails() {
        FineTuning fineTuning = process(Interceptors.rewrite("POST", "/v1/files", 1, f -> f.put("status", "error")
                .put("status_details", "Invalid file format. Example 1273 cannot be parsed.")));

        assertThatThrownBy(() -> fineTuning.upload(Training.write(dir, 12).training()))
                .isInstanceOfSatisfying(UploadRejectedException.class, e -> {
                    assertThat(e.getMessage()).contains("could not process training.jsonl", "serviceDetails()")
                            .doesNotContain("Example 1273"); // the service's words may quote the file
                    assertThat(e.serviceDetails()).contains("Invalid file format. Example 1273 cannot be parsed.");
                });
    }

    @Test
    void anUploadWhoseAnswerWasLostIsFoundInsteadOfSentTwice() {
        FineTuning fineTuning = process(Interceptors.dropAnswer("POST", "/v1/files", 1));

        UploadedFile file = fineTuning.upload(Training.write(dir, 12).training());

        assertThat(openAi.server().files().list()).extracting(f -> f.id()).containsExactly(file.id());
        assertThat(openAi.server().journal().entries("/v1/files")).extracting(e -> e.method())
                .containsExactly("POST", "GET");
    }
}
