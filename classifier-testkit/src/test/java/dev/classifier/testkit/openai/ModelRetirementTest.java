package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in shutdown dates, and a model gone on its day: on the chat and models endpoints, fine-tunes too. */
class ModelRetirementTest {

    private static final Instant GPT_4O_MINI_LAST_SECOND = Instant.parse("2027-01-13T23:59:59Z");
    private static final Instant GPT_4O_MINI_SHUTDOWN = Instant.parse("2027-01-14T00:00:00Z");

    /** Each test has its own clock and server: they move far into the future. */
    final ManualClock clock = ManualClock.create();

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(OpenAiTestServer.builder().clock(clock));

    private OpenAIClient client;

    @BeforeEach
    void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterEach
    void close() {
        client.close();
    }

    private String hello(String model) {
        ChatCompletionCreateParams.Builder b = ChatCompletionCreateParams.builder().model(model).addUserMessage("hi");
        if (model.contains("luna")) {
            b.reasoningEffort(ReasoningEffort.NONE);
        }
        return client.chat().completions().create(b.build()).model();
    }

    private void assertGone(String model) {
        assertThatThrownBy(() -> hello(model)).as(model)
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        RawHttp.Response retrieve = RawHttp.to(openAi.server()).get("/v1/models/" + model);
        assertThat(retrieve.status()).isEqualTo(404);
        assertThat(retrieve.json().at("/error/code").asText()).isEqualTo("model_not_found");
        OpenApiSchemas.assertConforms("ErrorResponse", retrieve.body());
        assertThat(client.models().list().data()).extracting(Model::id).doesNotContain(model);
    }

    @Test
    void theBuiltInModelsAndTheirShutdownDates() {
        RawHttp.Response list = RawHttp.to(openAi.server()).get("/v1/models");
        OpenApiSchemas.assertConforms("ListModelsResponse", list.body());
        Map<String, String> dates = new LinkedHashMap<>();
        for (JsonNode model : list.json().get("data")) {
            OpenApiSchemas.assertConforms("Model", model.toString());
            dates.put(model.get("id").asText(), model.get("shutdown_date").isNull() ? "none"
                    : model.get("shutdown_date").asText());
        }

        assertThat(dates).containsEntry("gpt-4o-mini", "2027-01-14")
                .containsEntry("gpt-4o-mini-2024-07-18", "2027-01-14")
                .containsEntry("gpt-4o", "2027-01-14").containsEntry("gpt-4.1", "2027-01-14")
                .containsEntry("gpt-4.1-mini", "2027-01-14").containsEntry("gpt-4.1-mini-2025-04-14", "2027-01-14")
                .containsEntry("gpt-4.1-nano", "none").containsEntry("gpt-4.1-nano-2025-04-14", "none")
                .containsEntry("gpt-5-nano", "2026-12-11").containsEntry("gpt-5-nano-2025-08-07", "2026-12-11")
                .containsEntry("gpt-6-luna", "none").containsEntry("gpt-5.6-luna", "none");
        assertThat(client.models().retrieve("gpt-4o-mini").shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(client.models().retrieve("gpt-5-nano").shutdownDate()).contains(LocalDate.of(2026, 12, 11));
        assertThat(client.models().retrieve("gpt-6-luna").shutdownDate()).isEmpty();
    }

    @Test
    void gpt4oMiniAnswersOnItsLastDayAndIsGoneOnItsShutdownDate() {
        clock.advanceTo(GPT_4O_MINI_LAST_SECOND);
        assertThat(hello("gpt-4o-mini")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(client.models().retrieve("gpt-4o-mini-2024-07-18").shutdownDate())
                .contains(LocalDate.of(2027, 1, 14));
        assertThat(client.models().list().data()).extracting(Model::id).contains("gpt-4o-mini", "gpt-4.1-mini");

        clock.advanceTo(GPT_4O_MINI_SHUTDOWN);
        for (String model : new String[] {"gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4.1",
                "gpt-4.1-mini-2025-04-14"}) {
            assertGone(model);
        }
        RawHttp.Response chat = RawHttp.to(openAi.server()).post("/v1/chat/completions", ChatParams.classifyJson("x"));
        assertThat(chat.status()).isEqualTo(404);
        OpenApiSchemas.assertConforms("ErrorResponse", chat.body());
        // Its replacement and the models without a date still answer.
        assertThat(hello("gpt-6-luna")).isEqualTo("gpt-6-luna");
        assertThat(hello("gpt-4.1-nano")).isEqualTo("gpt-4.1-nano-2025-04-14");
    }

    @Test
    void gpt5NanoIsGoneOnDecember11() {
        clock.advanceTo(Instant.parse("2026-12-10T12:00:00Z"));
        assertThat(hello("gpt-5-nano")).isEqualTo("gpt-5-nano-2025-08-07");

        clock.advanceTo(Instant.parse("2026-12-11T00:00:00Z"));
        assertGone("gpt-5-nano");
        assertGone("gpt-5-nano-2025-08-07");
    }

    @Test
    void aModelFineTunedFromGpt4oMiniGoesWithIt() {
        String file = openAi.server().files().add("train.jsonl", "fine-tune",
                TrainingFiles.valid(10).getBytes(StandardCharsets.UTF_8)).id();
        RawHttp raw = RawHttp.to(openAi.server());
        String job = raw.post("/v1/fine_tuning/jobs", RawHttp.MAPPER.createObjectNode()
                .put("model", "gpt-4o-mini-2024-07-18").put("training_file", file)).json().get("id").asText();
        clock.advance(Duration.ofHours(3));
        String tuned = raw.get("/v1/fine_tuning/jobs/" + job).json().get("fine_tuned_model").asText();
        assertThat(client.models().retrieve(tuned).shutdownDate()).contains(LocalDate.of(2027, 1, 14));

        clock.advanceTo(GPT_4O_MINI_LAST_SECOND);
        assertThat(hello(tuned)).isEqualTo(tuned);
        clock.advanceTo(GPT_4O_MINI_SHUTDOWN);
        assertGone(tuned);
    }

    @Test
    void aTestCanKeepARetiredModelOrRetireAnother() {
        openAi.server().models().clearShutdownDate("gpt-4o-mini").shutdownDate("gpt-6-luna", LocalDate.of(2027, 3, 1));
        assertThat(openAi.server().models().find("gpt-4o-mini-2024-07-18").orElseThrow().shutdownDate()).isEmpty();

        clock.advanceTo(Instant.parse("2027-02-01T00:00:00Z"));
        assertThat(hello("gpt-4o-mini")).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(client.models().retrieve("gpt-6-luna").shutdownDate()).contains(LocalDate.of(2027, 3, 1));
        clock.advanceTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertGone("gpt-6-luna");
        assertThat(openAi.server().models().profile("gpt-6-luna")).isEqualTo(Optional.empty());

        openAi.server().reset();
        assertGone("gpt-4o-mini");
        assertThat(hello("gpt-6-luna")).isEqualTo("gpt-6-luna");
    }
}
