package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.core.MultipartField;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FilePurpose;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.FineTuningJobEvent;
import com.openai.models.finetuning.jobs.JobCreateParams;
import com.openai.models.finetuning.jobs.JobListEventsParams;
import com.openai.models.finetuning.jobs.JobListParams;
import com.openai.models.finetuning.jobs.checkpoints.FineTuningJobCheckpoint;
import com.openai.models.finetuning.methods.SupervisedHyperparameters;
import com.openai.models.finetuning.methods.SupervisedMethod;
import com.openai.models.models.Model;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FineTuningTest {

    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    static String upload(String content) {
        return client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
                        .filename("train.jsonl").build())
                .purpose(FilePurpose.FINE_TUNE).build()).id();
    }

    private static JobCreateParams.Builder job(String trainingFile, long epochs) {
        return JobCreateParams.builder()
                .model("gpt-4o-mini-2024-07-18")
                .trainingFile(trainingFile)
                .suffix("news")
                .seed(42L)
                .method(JobCreateParams.Method.builder()
                        .type(JobCreateParams.Method.Type.SUPERVISED)
                        .supervised(SupervisedMethod.builder().hyperparameters(SupervisedHyperparameters.builder()
                                .nEpochs(epochs).batchSizeAuto().learningRateMultiplierAuto().build()).build())
                        .build());
    }

    private static FineTuningJob retrieve(String id) {
        return client.fineTuning().jobs().retrieve(id);
    }

    @Test
    void aJobMovesThroughItsStatusesAsTheClockAdvancesAndItsModelThenAnswers() throws Exception {
        String training = upload(TrainingFiles.valid(12));
        String validation = upload(TrainingFiles.valid(4));
        FineTuningJob created = client.fineTuning().jobs().create(job(training, 2).validationFile(validation).build());

        assertThat(created.id()).startsWith("ftjob-");
        assertThat(created.status()).isEqualTo(FineTuningJob.Status.VALIDATING_FILES);
        assertThat(created.fineTunedModel()).isEmpty();
        assertThat(created.seed()).isEqualTo(42);

        clock.advance(Duration.ofMinutes(1));
        assertThat(retrieve(created.id()).status()).isEqualTo(FineTuningJob.Status.QUEUED);
        clock.advance(Duration.ofMinutes(2));
        FineTuningJob running = retrieve(created.id());
        assertThat(running.status()).isEqualTo(FineTuningJob.Status.RUNNING);
        assertThat(running.estimatedFinish()).isPresent();
        assertThat(running.hyperparameters().nEpochs().orElseThrow().isInteger()).isTrue();

        clock.advance(Duration.ofMinutes(10));
        FineTuningJob done = retrieve(created.id());
        assertThat(done.status()).isEqualTo(FineTuningJob.Status.SUCCEEDED);
        String model = done.fineTunedModel().orElseThrow();
        assertThat(model).matches("ft:gpt-4o-mini-2024-07-18:testkit:news:[A-Za-z0-9]{8}");
        assertThat(done.trainedTokens()).hasValueSatisfying(t -> assertThat(t).isPositive());
        assertThat(done.finishedAt()).hasValueSatisfying(t -> assertThat(t).isLessThanOrEqualTo(
                clock.instant().getEpochSecond()));
        try (HttpResponse results = client.files().content(done.resultFiles().get(0))) {
            assertThat(new String(results.body().readAllBytes(), StandardCharsets.UTF_8)).startsWith("step,train_loss");
        }

        ChatCompletion answer = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage("Who won the match?").build());
        assertThat(answer.model()).isEqualTo(model);
        assertThat(client.models().list().data()).extracting(Model::id).contains(model);
        assertThat(client.models().retrieve(model).ownedBy()).startsWith("org-");
    }

    @Test
    void eventsAreListedNewestFirstAndPageWithAfterAndLimit() {
        FineTuningJob created = client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 1).build());
        clock.advance(Duration.ofHours(1));

        var firstPage = client.fineTuning().jobs().listEvents(created.id(), JobListEventsParams.builder()
                .limit(3L).build());
        List<FineTuningJobEvent> all = new ArrayList<>();
        firstPage.autoPager().forEach(all::add);

        assertThat(firstPage.data()).hasSize(3);
        assertThat(firstPage.hasNextPage()).isTrue();
        assertThat(all.get(0).message()).isEqualTo("The job has successfully completed");
        assertThat(all.get(all.size() - 1).message()).startsWith("Created fine-tuning job: " + created.id());
        assertThat(all).extracting(FineTuningJobEvent::id).doesNotHaveDuplicates();
        assertThat(all).extracting(FineTuningJobEvent::createdAt).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        List<FineTuningJobEvent> metrics = all.stream()
                .filter(e -> e.type().map(t -> t.equals(FineTuningJobEvent.Type.METRICS)).orElse(false)).toList();
        // 10 examples, batch size 1, one epoch: ten steps.
        assertThat(metrics).hasSize(10);
        assertThat(metrics.get(0)._data().toString()).contains("step", "train_loss", "total_steps");
    }

    @Test
    void checkpointsForTheLastThreeEpochsAnswerToo() {
        FineTuningJob created = client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 4).build());
        clock.advance(Duration.ofHours(2));

        List<FineTuningJobCheckpoint> checkpoints = client.fineTuning().jobs().checkpoints()
                .list(created.id()).data();

        assertThat(checkpoints).extracting(FineTuningJobCheckpoint::stepNumber).containsExactly(40L, 30L, 20L);
        String newest = checkpoints.get(0).fineTunedModelCheckpoint();
        assertThat(newest).isEqualTo(retrieve(created.id()).fineTunedModel().orElseThrow() + ":ckpt-step-40");
        assertThat(checkpoints.get(0).metrics().trainLoss()).isPresent();
        assertThat(client.chat().completions().create(ChatCompletionCreateParams.builder().model(newest)
                .addUserMessage("x").build()).choices()).hasSize(1);
    }

    @Test
    void autoEpochsFollowTheCookbookRuleOnceFilesAreValidated() {
        FineTuningJob created = client.fineTuning().jobs().create(JobCreateParams.builder()
                .model(JobCreateParams.Model.GPT_4O_MINI).trainingFile(upload(TrainingFiles.valid(12))).build());
        assertThat(created.hyperparameters().nEpochs().orElseThrow().isAuto()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        FineTuningJob queued = retrieve(created.id());
        // 12 examples: 12 * 3 < 100, so min(25, 100 / 12) = 8 epochs.
        assertThat(queued.hyperparameters().nEpochs().orElseThrow().integer()).contains(8L);
        assertThat(queued.fineTunedModel()).isEmpty();
    }

    static Stream<Arguments> badTrainingFiles() {
        List<String> good = TrainingFiles.lines(12);
        List<String> unparsable = new ArrayList<>(good);
        unparsable.set(2, "{\"messages\": [");
        List<String> noRole = new ArrayList<>(good);
        noRole.set(4, "{\"messages\":[{\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"x\"}]}");
        List<String> extraKey = new ArrayList<>(good);
        extraKey.set(0, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}],\"weight\":1}");
        List<String> developer = new ArrayList<>(good);
        developer.set(1, "{\"messages\":[{\"role\":\"developer\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\"}]}");
        List<String> noAssistant = new ArrayList<>(good);
        noAssistant.set(3, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}");
        List<String> badWeight = new ArrayList<>(good);
        badWeight.set(5, "{\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{\"role\":\"assistant\",\"content\":\"b\",\"weight\":2}]}");
        return Stream.of(
                Arguments.of(TrainingFiles.valid(9), "invalid_n_examples",
                        "Training file has 9 example(s), but must have at least 10 examples"),
                Arguments.of(TrainingFiles.file(unparsable), "invalid_file_format", "Example 3 cannot be parsed"),
                Arguments.of(TrainingFiles.file(noRole), "invalid_training_file",
                        "Example 5, message 1 Discriminator 'role' is missing in value"),
                Arguments.of(TrainingFiles.file(extraKey), "invalid_file_format", "Example 1 contains an extra \"weight\""),
                Arguments.of(TrainingFiles.file(developer), "invalid_training_file", "role 'developer'"),
                Arguments.of(TrainingFiles.file(noAssistant), "invalid_training_file", "Example 4 has no assistant"),
                Arguments.of(TrainingFiles.file(badWeight), "invalid_training_file", "must be 0 or 1"));
    }

    @ParameterizedTest
    @MethodSource("badTrainingFiles")
    void aBadTrainingFileFailsTheJobAfterValidationAsOpenAiDoes(String content, String code, String message) {
        FineTuningJob created = client.fineTuning().jobs().create(job(upload(content), 2).build());
        assertThat(created.status()).isEqualTo(FineTuningJob.Status.VALIDATING_FILES);

        clock.advance(Duration.ofMinutes(1));
        FineTuningJob failed = retrieve(created.id());

        assertThat(failed.status()).isEqualTo(FineTuningJob.Status.FAILED);
        FineTuningJob.Error error = failed.error().orElseThrow();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).contains(message);
        assertThat(error.param()).contains("training_file");
        assertThat(failed.finishedAt()).isPresent();
    }

    @Test
    void creationChecksFilesModelAndHyperparameters() {
        String batchFile = client.files().create(FileCreateParams.builder()
                .file(MultipartField.<InputStream>builder()
                        .value(new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8)))
                        .filename("b.jsonl").build())
                .purpose(FilePurpose.BATCH).build()).id();
        String training = upload(TrainingFiles.valid(10));

        assertThatThrownBy(() -> client.fineTuning().jobs().create(job("file-nope", 1).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.param()).contains("training_file"));
        assertThatThrownBy(() -> client.fineTuning().jobs().create(job(batchFile, 1).build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.getMessage()).contains("purpose"));
        assertThatThrownBy(() -> client.fineTuning().jobs().create(job(training, 1).model("davinci-001").build()))
                .isInstanceOfSatisfying(BadRequestException.class, e ->
                        assertThat(e.code()).contains("model_not_available"));
        assertThatThrownBy(() -> client.fineTuning().jobs().create(job(training, 51).build()))
                .isInstanceOf(BadRequestException.class);
        assertThat(openAi.server().fineTuning().jobIds()).isEmpty();
    }

    @Test
    void refusingCreationLeavesExistingModelsAnswering() {
        FineTuningJob done = client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 1).build());
        clock.advance(Duration.ofHours(1));
        String model = retrieve(done.id()).fineTunedModel().orElseThrow();

        openAi.server().fineTuning().refuseCreation(true);

        assertThatThrownBy(() -> client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 1).build()))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e ->
                        assertThat(e.code()).contains("fine_tuning_unavailable"));
        assertThat(client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("x").build()).model()).isEqualTo(model);
        assertThat(retrieve(done.id()).status()).isEqualTo(FineTuningJob.Status.SUCCEEDED);
    }

    @Test
    void cancellingARunningJob() {
        FineTuningJob created = client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 3).build());
        clock.advance(Duration.ofMinutes(5));

        FineTuningJob cancelled = client.fineTuning().jobs().cancel(created.id());

        assertThat(cancelled.status()).isEqualTo(FineTuningJob.Status.CANCELLED);
        clock.advance(Duration.ofHours(2));
        assertThat(retrieve(created.id()).status()).isEqualTo(FineTuningJob.Status.CANCELLED);
        assertThat(retrieve(created.id()).fineTunedModel()).isEmpty();
        assertThatThrownBy(() -> client.fineTuning().jobs().cancel(created.id())).isInstanceOf(BadRequestException.class);
    }

    @Test
    void aPollerOnTheManualClockWaitsHoursInNoTime() throws Exception {
        FineTuningJob created = client.fineTuning().jobs().create(job(upload(TrainingFiles.valid(10)), 5).build());
        long wallStart = System.nanoTime();
        int polls = 0;
        FineTuningJob current = created;
        while (!current.status().equals(FineTuningJob.Status.SUCCEEDED)) {
            clock.sleep(Duration.ofSeconds(30)); // what a poller given the clock as its Sleeper does
            current = retrieve(created.id());
            polls++;
        }
        // 1 + 2 + 5 * 5 minutes = 28 minutes of polling every 30 s.
        assertThat(polls).isEqualTo(56);
        assertThat(Duration.ofNanos(System.nanoTime() - wallStart)).isLessThan(Duration.ofSeconds(20));
        assertThat(openAi.server().fineTuning().status(created.id())).contains("succeeded");
    }

    @Test
    void jobsAreListedNewestFirst() {
        String training = upload(TrainingFiles.valid(10));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(client.fineTuning().jobs().create(job(training, 1).build()).id());
        }
        var page = client.fineTuning().jobs().list(JobListParams.builder().limit(2L).build());
        List<String> listed = new ArrayList<>();
        page.autoPager().forEach(j -> listed.add(j.id()));
        assertThat(page.hasNextPage()).isTrue();
        assertThat(listed).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(Optional.of(listed.size())).contains(3);
    }
}
