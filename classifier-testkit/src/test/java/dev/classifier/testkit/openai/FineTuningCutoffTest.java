package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.finetuning.jobs.FineTuningJob;
import com.openai.models.finetuning.jobs.JobCreateParams;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenAI takes no new fine-tuning jobs from 2027-01-06, and none for models that are not fine-tunable. */
class FineTuningCutoffTest {

    private static final String JOBS = "/v1/fine_tuning/jobs";

    final ManualClock clock = ManualClock.create();

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(OpenAiTestServer.builder().clock(clock));

    private OpenAIClient client;
    private String trainingFile;

    @BeforeEach
    void setUp() {
        client = Sdk.noRetries(openAi.server());
        trainingFile = openAi.server().files().add("train.jsonl", "fine-tune",
                TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8)).id();
    }

    @AfterEach
    void close() {
        client.close();
    }

    private FineTuningJob create(String model) {
        return client.fineTuning().jobs().create(JobCreateParams.builder().model(model).trainingFile(trainingFile)
                .build());
    }

    private RawHttp.Response createRaw(String model) {
        ObjectNode body = RawHttp.MAPPER.createObjectNode().put("model", model).put("training_file", trainingFile);
        return RawHttp.to(openAi.server()).post(JOBS, body);
    }

    @Test
    void jobsAreTakenUntilTheEndOfJanuary5AndRefusedFromJanuary6() {
        clock.advanceTo(Instant.parse("2027-01-05T23:59:59Z"));
        FineTuningJob last = create("gpt-4o-mini-2024-07-18");
        clock.advance(Duration.ofHours(3));
        String tuned = client.fineTuning().jobs().retrieve(last.id()).fineTunedModel().orElseThrow();
        assertThat(clock.instant()).isAfter(Instant.parse("2027-01-06T00:00:00Z"));

        assertThatThrownBy(() -> create("gpt-4o-mini-2024-07-18"))
                .isInstanceOfSatisfying(PermissionDeniedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.code()).contains("fine_tuning_unavailable");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        RawHttp.Response refused = createRaw("gpt-4.1-mini");
        assertThat(refused.status()).isEqualTo(403);
        OpenApiSchemas.assertConforms("ErrorResponse", refused.body());
        JsonNode error = refused.json().get("error");
        assertThat(error.get("message").asText()).contains("no longer accepts new jobs", "2027-01-06");
        assertThat(error.get("param").isNull()).isTrue();
        assertThat(openAi.server().fineTuning().jobIds()).containsExactly(last.id());

        // What exists keeps working: the job, and its model until its base shuts down.
        assertThat(client.fineTuning().jobs().retrieve(last.id()).status()).isEqualTo(FineTuningJob.Status.SUCCEEDED);
        assertThat(client.chat().completions().create(ChatCompletionCreateParams.builder().model(tuned)
                .addUserMessage("x").build()).model()).isEqualTo(tuned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-6-luna", "gpt-5.6-luna", "gpt-5-nano"})
    void modelsThatAreNotFineTunableAreRefusedEvenBeforeTheCutoff(String model) {
        assertThatThrownBy(() -> create(model)).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.code()).contains("model_not_available");
            assertThat(e.param()).contains("model");
        });
        RawHttp.Response refused = createRaw(model);
        assertThat(refused.status()).isEqualTo(400);
        OpenApiSchemas.assertConforms("ErrorResponse", refused.body());
        assertThat(refused.json().at("/error/message").asText()).contains(model, "not available for fine-tuning");
        assertThat(create("gpt-4.1-nano").status()).isEqualTo(FineTuningJob.Status.VALIDATING_FILES);
    }

    @Test
    void aTestCanMoveTheCutoffOrLiftItAndResetRestoresIt() {
        assertThat(openAi.server().fineTuning().noNewJobsFrom()).contains(LocalDate.of(2027, 1, 6));
        openAi.server().fineTuning().noNewJobsFrom(LocalDate.of(2026, 1, 5));
        assertThat(createRaw("gpt-4o-mini").status()).isEqualTo(403);

        openAi.server().fineTuning().newJobsWithoutEnd();
        clock.advanceTo(Instant.parse("2027-01-10T00:00:00Z"));
        assertThat(create("gpt-4o-mini").status()).isEqualTo(FineTuningJob.Status.VALIDATING_FILES);

        openAi.server().reset();
        trainingFile = openAi.server().files().add("train.jsonl", "fine-tune",
                TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8)).id();
        assertThat(openAi.server().fineTuning().noNewJobsFrom()).contains(LocalDate.of(2027, 1, 6));
        assertThat(createRaw("gpt-4o-mini").status()).isEqualTo(403);
    }

    @Test
    void aModelATestMakesFineTunableCanBeTuned() {
        openAi.server().models().update("gpt-6-luna", p -> p.withFineTunable(true));
        assertThat(create("gpt-6-luna").model()).isEqualTo("gpt-6-luna");
    }
}
