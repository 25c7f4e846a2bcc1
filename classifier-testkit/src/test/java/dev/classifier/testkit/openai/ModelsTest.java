package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {

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

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("hello").build();
    }

    @Test
    void listsAndRetrievesTheBuiltInModels() {
        assertThat(client.models().list().data()).extracting(Model::id)
                .contains("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "gpt-4.1-nano-2025-04-14");
        Model mini = client.models().retrieve("gpt-4o-mini-2024-07-18");
        assertThat(mini.ownedBy()).isEqualTo("system");
        assertThatThrownBy(() -> client.models().retrieve("gpt-2")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aShutdownDateIsReportedAndOnThatDayTheModelIsGone() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", today.plusDays(2));

        RawHttp.Response model = RawHttp.to(openAi.server()).get("/v1/models/gpt-4o-mini-2024-07-18");
        assertThat(model.json().get("shutdown_date").asText()).isEqualTo(today.plusDays(2).toString());
        OpenApiSchemas.assertConforms("Model", model.body());
        // The alias follows its snapshot.
        assertThat(RawHttp.to(openAi.server()).get("/v1/models/gpt-4o-mini").json().get("shutdown_date").asText())
                .isEqualTo(today.plusDays(2).toString());
        assertThat(client.chat().completions().create(hello("gpt-4o-mini")).choices()).hasSize(1);

        clock.advance(Duration.ofDays(2));

        assertThatThrownBy(() -> client.chat().completions().create(hello("gpt-4o-mini")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.code()).contains("model_not_found"));
        assertThat(client.models().list().data()).extracting(Model::id)
                .doesNotContain("gpt-4o-mini", "gpt-4o-mini-2024-07-18");
    }

    @Test
    void aModelATestAddsAnswers() {
        openAi.server().models().add("qwen2.5-7b-instruct", "local", false);
        assertThat(client.chat().completions().create(hello("qwen2.5-7b-instruct")).model())
                .isEqualTo("qwen2.5-7b-instruct");
        assertThat(client.models().retrieve("qwen2.5-7b-instruct").ownedBy()).isEqualTo("local");
    }

    @Test
    void theListConformsToTheSchema() {
        RawHttp.Response list = RawHttp.to(openAi.server()).get("/v1/models");
        OpenApiSchemas.assertConforms("ListModelsResponse", list.body());
        assertThat(list.json().get("data").size()).isGreaterThanOrEqualTo(10);
    }
}
