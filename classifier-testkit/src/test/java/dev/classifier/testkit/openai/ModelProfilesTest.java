package dev.classifier.testkit.openai;

import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog's profiles: the built-in ones, and what a test can change or add. */
class ModelProfilesTest {

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    private static OpenAIClient client;

    @BeforeAll
    static void client() {
        client = Sdk.noRetries(openAi.server());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void theBuiltInProfiles() {
        ModelCatalog models = openAi.server().models();
        ModelProfile luna = models.profile("gpt-6-luna").orElseThrow();
        assertThat(luna.reasoningEfforts()).containsExactly("none", "low", "medium", "high", "xhigh", "max");
        assertThat(luna.defaultEffort()).contains("medium");
        assertThat(luna.temperature()).isEqualTo(ModelProfile.Temperature.ONLY_WITH_EFFORT_NONE);
        assertThat(luna.reportsCacheWrites()).isTrue();
        assertThat(luna.fineTunable()).isFalse();
        assertThat(luna.shutdownDate()).isEmpty();
        assertThat(models.profile("gpt-5.6-luna")).contains(luna);

        ModelProfile mini = models.profile("gpt-4o-mini").orElseThrow();
        assertThat(mini.reasons()).isFalse();
        assertThat(mini.temperature()).isEqualTo(ModelProfile.Temperature.ANY);
        assertThat(mini.fineTunable()).isTrue();
        assertThat(mini.reportsCacheWrites()).isFalse();
        assertThat(mini.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(models.profile("gpt-4o-mini-2024-07-18")).contains(mini);
        assertThat(models.profile("gpt-4.1-mini")).contains(mini);
        assertThat(models.profile("gpt-4.1-nano").orElseThrow().shutdownDate()).isEmpty();

        ModelProfile nano = models.profile("gpt-5-nano").orElseThrow();
        assertThat(nano.reasoningEfforts()).containsExactly("minimal", "low", "medium", "high");
        assertThat(nano.defaultEffort()).contains("medium");
        assertThat(nano.fineTunable()).isFalse();
        assertThat(nano.shutdownDate()).contains(LocalDate.of(2026, 12, 11));
        assertThat(models.profile("gpt-9")).isEmpty();
    }

    @Test
    void anAliasSharesItsSnapshotsProfile() {
        ModelCatalog models = openAi.server().models();
        models.update("gpt-4o-mini", p -> p.withFineTunable(false));

        assertThat(models.profile("gpt-4o-mini-2024-07-18").orElseThrow().fineTunable()).isFalse();
        models.remove("gpt-4o-mini-2024-07-18");
        assertThat(models.find("gpt-4o-mini")).isEmpty();
        assertThatThrownBy(() -> models.update("gpt-4o-mini", p -> p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no model 'gpt-4o-mini'");
    }

    @Test
    void aModelATestAddsIsPlayedByItsProfile() {
        openAi.server().models().add("deepseek-reasoner", "deepseek",
                ModelProfile.reasoning("high", "low", "high").withTemperature(ModelProfile.Temperature.ANY));

        ChatCompletion c = client.chat().completions().create(ChatParams.classifyOn("deepseek-reasoner", "x")
                .temperature(0.3).build());
        long reasoning = c.usage().orElseThrow().completionTokensDetails().orElseThrow().reasoningTokens()
                .orElseThrow();
        assertThat(reasoning).isEqualTo(8 * (64 + c.usage().orElseThrow().promptTokens() / 8));
        assertThat(c.usage().orElseThrow().promptTokensDetails().orElseThrow().cacheWriteTokens()).isEmpty();
        assertThatThrownBy(() -> client.chat().completions().create(ChatParams.classifyOn("deepseek-reasoner", "x")
                .reasoningEffort(ReasoningEffort.MEDIUM).build()))
                .isInstanceOfSatisfying(BadRequestException.class,
                        e -> assertThat(e.code()).contains("unsupported_value"));
        // The older form still adds a chat model without reasoning.
        openAi.server().models().add("qwen-plus", "qwen", true);
        assertThat(openAi.server().models().profile("qwen-plus")).contains(ModelProfile.chat().withFineTunable(true));
    }

    @Test
    void aProfileIsCheckedWhenBuilt() {
        assertThatThrownBy(() -> ModelProfile.reasoning("medium", "low", "high"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'medium' is not among");
        assertThatThrownBy(() -> ModelProfile.reasoning("fast", "fast"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fast' is repeated or not one of");
        assertThatThrownBy(() -> ModelProfile.reasoning("low", "low", "low"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ModelProfile(List.of(), Optional.of("none"), ModelProfile.Temperature.ANY,
                false, false, Optional.empty())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a default effort goes with a non-empty list");
        assertThat(ModelProfile.chat().withShutdownDate(LocalDate.of(2027, 1, 14)).withoutShutdownDate())
                .isEqualTo(ModelProfile.chat());
    }

    @Test
    void reasoningTokensFollowTheDocumentedFunction() {
        assertThat(ReasoningSimulation.reasoningTokens("none", 400)).isZero();
        assertThat(ReasoningSimulation.reasoningTokens("minimal", 400)).isEqualTo(114);
        assertThat(ReasoningSimulation.reasoningTokens("medium", 400)).isEqualTo(456);
        assertThat(ReasoningSimulation.reasoningTokens("max", 7)).isEqualTo(32 * 64);
    }
}
