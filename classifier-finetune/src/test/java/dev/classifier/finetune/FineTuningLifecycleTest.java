package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.classifier.api.UnavailableException;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole path against the test server: upload, create, watch with progress, checkpoints, cancel, failure. */
class FineTuningLifecycleTest {

    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @TempDir
    Path dir;

    private OpenAIClient client;
    private FineTuning fineTuning;
    private final List<JobProgress> heard = new ArrayList<>();

    @BeforeEach
    void connect() {
        client = TestService.client(openAi.server());
        fineTuning = TestService.fineTuning(client, clock).build();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private OpenAiTestServer server() {
        return openAi.server();
    }

    @Test
    void uploadCreateWatchAndUseTheTunedModel() {
        TrainingSet.Files files = Training.write(dir, 60);
        UploadedFile training = fineTuning.upload(files.training());
        UploadedFile validation = fineTuning.upload(files.validation().orElseThrow());
        JobRequest request = JobRequest.builder("gpt-4o-mini-2024-07-18", training.id())
                .validationFile(validation.id()).epochs(3).suffix("news").seed(42).metadata("project", "walkthrough")
                .build();

        FineTuneJob job = fineTuning.create(request);
        JobSnapshot done = job.await(Duration.ofHours(2), heard::add);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        String model = done.fineTunedModel().orElseThrow();
        assertThat(model).startsWith("ft:gpt-4o-mini-2024-07-18:testkit:news:");
        assertThat(done.trainedTokens()).isPresent();
        assertThat(done.epochs()).hasValue(3);
        assertThat(done.metadata()).containsEntry("project", "walkthrough")
                .containsEntry(JobRequest.REQUEST_ID_KEY, request.requestId());
        assertThat(heard).filteredOn(JobProgress.StatusChanged.class::isInstance)
                .extracting(p -> ((JobProgress.StatusChanged) p).job().status().value())
                .containsExactly("validating_files", "queued", "running", "succeeded");
        List<JobEvent> events = heard.stream().filter(JobProgress.EventReceived.class::isInstance)
                .map(p -> ((JobProgress.EventReceived) p).event()).toList();
        assertThat(events).extracting(JobEvent::id).doesNotHaveDuplicates();
        assertThat(events).extracting(JobEvent::createdAt).isSorted();
        assertThat(events.get(0).message()).isEqualTo("Created fine-tuning job: " + job.id());
        assertThat(events.get(events.size() - 1).message()).isEqualTo("The job has successfully completed");
        assertThat(events).hasSameSizeAs(job.eventsAfter(Optional.empty()));
        List<TrainingMetrics> metrics = heard.stream().filter(JobProgress.MetricsReported.class::isInstance)
                .map(p -> ((JobProgress.MetricsReported) p).metrics()).toList();
        assertThat(metrics).extracting(TrainingMetrics::step).isSorted().doesNotHaveDuplicates();
        TrainingMetrics last = metrics.get(metrics.size() - 1);
        assertThat(last.progress()).hasValue(1.0);
        assertThat(last.trainLoss()).isPresent();
        assertThat(metrics).anySatisfy(m -> assertThat(m.validLoss()).isPresent());
        // One request created the job; nothing was retried.
        assertThat(server().journal().entries("/v1/fine_tuning/jobs")).filteredOn(e -> e.method().equals("POST"))
                .hasSize(1);
        assertThat(clock.sleeps()).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(30)));
        // The tuned model answers.
        assertThat(client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Who won the match?").build()).model()).isEqualTo(model);
    }

    @Test
    void checkpointsOfTheLastThreeEpochsWithTheirMetrics() {
        TrainingSet.Files files = Training.write(dir, 12);
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", fineTuning.upload(files.training()).id())
                .epochs(4).build());

        String tuned = job.await(Duration.ofHours(2), JobListener.NONE).fineTunedModel().orElseThrow();
        List<Checkpoint> checkpoints = job.checkpoints();

        // 12 examples, batch size 1: 12 steps an epoch; epochs 2, 3 and 4 are kept.
        assertThat(checkpoints).extracting(Checkpoint::step).containsExactly(48L, 36L, 24L);
        assertThat(checkpoints.get(0).model()).isEqualTo(tuned + ":ckpt-step-48");
        assertThat(checkpoints).allSatisfy(c -> assertThat(c.metrics().trainLoss()).isPresent());
    }

    @Test
    void eventsArePagedNewestFirstAndReadBackInOrder() {
        TrainingSet.Files files = Training.write(dir, 12);
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", fineTuning.upload(files.training()).id())
                .epochs(10).build());
        clock.advance(Duration.ofHours(2));

        List<JobEvent> newestFirst;
        try (var stream = job.events()) {
            newestFirst = stream.toList();
        }
        List<JobEvent> inOrder = job.eventsAfter(Optional.empty());

        // 120 metrics events and the messages around them: more than one page of 100.
        assertThat(newestFirst.stream().filter(e -> e.type().equals("metrics"))).hasSize(120);
        assertThat(inOrder).hasSameSizeAs(newestFirst);
        assertThat(inOrder.get(0)).isEqualTo(newestFirst.get(newestFirst.size() - 1));
        assertThat(job.eventsAfter(Optional.of(inOrder.get(inOrder.size() - 3).id()))).hasSize(2);
        assertThat(server().journal().entries("/v1/fine_tuning/jobs/{job_id}/events").stream()
                .filter(e -> e.query().containsKey("after"))).isNotEmpty();
    }

    @Test
    void aFileTheServiceRejectsFailsTheJobWithItsCodeMessageAndParam() {
        // Nine examples: the validator would have said so; the service fails the job after validating the file.
        TrainingSet.Files files = Training.write(dir, 9);
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", fineTuning.upload(files.training()).id())
                .build());

        assertThatThrownBy(() -> job.await(Duration.ofHours(1), heard::add))
                .isInstanceOfSatisfying(JobFailedException.class, e -> {
                    assertThat(e.code()).contains("invalid_n_examples");
                    assertThat(e.param()).contains("training_file");
                    assertThat(e.serviceMessage()).contains("9 example(s)", "at least 10");
                    assertThat(e.jobId()).isEqualTo(job.id());
                    assertThat(e.getMessage()).startsWith("fine-tuning job " + job.id() + " failed"
                                    + " (invalid_n_examples) [training_file]: the training file has too few examples")
                            .doesNotContain(e.serviceMessage());
                });
        assertThat(heard).filteredOn(JobProgress.StatusChanged.class::isInstance)
                .extracting(p -> ((JobProgress.StatusChanged) p).job().status())
                .containsExactly(JobStatus.VALIDATING_FILES, JobStatus.FAILED);
        assertThat(DatasetValidator.forModel(Samples.MODEL).validate(files.training())
                .count(ProblemKind.TOO_FEW_EXAMPLES)).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotJsonlIsRejectedAtUpload() throws Exception {
        Path csv = java.nio.file.Files.writeString(dir.resolve("train.csv"), "text,label\nhello,Sports\n");

        assertThatThrownBy(() -> fineTuning.upload(csv)).isInstanceOfSatisfying(UploadRejectedException.class, e -> {
            assertThat(e.status()).hasValue(400);
            assertThat(e.getMessage()).contains("uploading " + csv + " was refused", "HTTP 400",
                    "chat JSONL files named *.jsonl").doesNotContain("Must be .jsonl"); // the provider's wording
        });
        assertThat(server().files().list()).isEmpty();
    }

    @Test
    void cancellingARunningJobAndDeletingItsFiles() {
        TrainingSet.Files files = Training.write(dir, 60);
        UploadedFile training = fineTuning.upload(files.training());
        UploadedFile validation = fineTuning.upload(files.validation().orElseThrow());
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", training.id())
                .validationFile(validation.id()).build());
        clock.advance(Duration.ofMinutes(5));
        assertThat(job.status()).isEqualTo(JobStatus.RUNNING);

        JobSnapshot cancelled = job.cancel(true);

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(server().files().find(training.id())).isEmpty();
        assertThat(server().files().find(validation.id())).isEmpty();
        clock.advance(Duration.ofHours(3));
        JobSnapshot awaited = job.await(Duration.ofHours(1), heard::add);
        assertThat(awaited.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(awaited.fineTunedModel()).isEmpty();
        assertThat(heard).filteredOn(JobProgress.EventReceived.class::isInstance).last()
                .satisfies(p -> assertThat(((JobProgress.EventReceived) p).event().message())
                        .isEqualTo("Fine-tuning job cancelled"));
        assertThat(heard).last().isInstanceOfSatisfying(JobProgress.StatusChanged.class,
                p -> assertThat(p.job().status()).isEqualTo(JobStatus.CANCELLED));
        // Cancelling again changes nothing and asks nothing of the cancel endpoint.
        assertThat(job.cancel().status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(server().journal().count("/v1/fine_tuning/jobs/{job_id}/cancel")).isEqualTo(1);
    }

    @Test
    void theWaitRunsOutOnTheClockAndTheJobGoesOn() {
        TrainingSet.Files files = Training.write(dir, 12);
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", fineTuning.upload(files.training()).id())
                .build());
        var start = clock.instant();

        assertThatThrownBy(() -> job.await(Duration.ofSeconds(100), JobListener.NONE))
                .isInstanceOfSatisfying(AwaitTimeoutException.class, e -> {
                    assertThat(e.lastSeen()).hasValueSatisfying(s -> assertThat(s.status()).isEqualTo(JobStatus.QUEUED));
                    assertThat(e.isRetryable()).isTrue();
                });
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(100));
        assertThat(job.await(Duration.ofHours(2), JobListener.NONE).status()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void pollsThatFailForAWhileAreReportedAndWatchingGoesOn() {
        TrainingSet.Files files = Training.write(dir, 12);
        FineTuneJob job = fineTuning.create(JobRequest.builder("gpt-4o-mini", fineTuning.upload(files.training()).id())
                .epochs(1).build());
        server().faults().onEndpoint("GET", "/v1/fine_tuning/jobs/{job_id}").requests(2, 4).status(503);

        JobSnapshot done = job.await(Duration.ofHours(1), heard::add);

        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(heard).filteredOn(JobProgress.PollFailed.class::isInstance)
                .extracting(p -> ((JobProgress.PollFailed) p).inARow()).containsExactly(1, 2, 3);
        assertThat(server().journal().entries("/v1/fine_tuning/jobs/{job_id}")).extracting(JournalEntry::status)
                .startsWith(200, 503, 503, 503, 200);
    }

    @Test
    void tooManyFailedPollsInARowEndTheWait() {
        FineTuning impatient = TestService.fineTuning(client, clock).maxFailedPolls(3).build();
        TrainingSet.Files files = Training.write(dir, 12);
        FineTuneJob job = impatient.create(JobRequest.builder("gpt-4o-mini", impatient.upload(files.training()).id())
                .build());
        server().faults().onEndpoint("GET", "/v1/fine_tuning/jobs/{job_id}").always().status(502);

        assertThatThrownBy(() -> job.await(Duration.ofHours(1), heard::add))
                .isInstanceOfSatisfying(UnavailableException.class, e -> {
                    assertThat(e.isRetryable()).isTrue();
                    assertThat(e.getMessage()).contains("reading fine-tuning job " + job.id(), "HTTP 502");
                });
        assertThat(heard).filteredOn(JobProgress.PollFailed.class::isInstance).hasSize(3);
        // A poll is one attempt: the next poll is its retry.
        assertThat(server().journal().entries("/v1/fine_tuning/jobs/{job_id}")).filteredOn(e -> e.status() == 502)
                .hasSize(3);
    }
}
