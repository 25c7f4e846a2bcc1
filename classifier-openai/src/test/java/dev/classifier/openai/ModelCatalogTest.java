package dev.classifier.openai;

import dev.classifier.api.Usage;
import dev.classifier.openai.ModelProfile.Temperature;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ModelCatalogTest {

    private final ModelCatalog catalog = ModelCatalog.defaults();

    @Test
    void gpt6LunaReasonsByDefaultAndTakesTemperatureOnlyWithoutReasoning() {
        ModelProfile luna = catalog.find("gpt-6-luna").orElseThrow();

        assertThat(luna.defaultEffort()).contains(ReasoningEffort.MEDIUM);
        assertThat(luna.reasoningEfforts()).containsExactly(ReasoningEffort.NONE, ReasoningEffort.LOW,
                ReasoningEffort.MEDIUM, ReasoningEffort.HIGH, ReasoningEffort.XHIGH, ReasoningEffort.MAX);
        assertThat(luna.allowsTemperature(Optional.of(ReasoningEffort.NONE))).isTrue();
        assertThat(luna.allowsTemperature(Optional.of(ReasoningEffort.LOW))).isFalse();
        assertThat(luna.allowsTemperature(Optional.empty())).as("the default effort is medium").isFalse();
        assertThat(luna.prices()).contains(PriceTable.perMillion(0.10, 0.01, 0.125, 0.50));
        assertThat(luna.contextTokens()).hasValue(1_050_000);
        assertThat(luna.maxOutputTokens()).hasValue(128_000);
        assertThat(luna.shutdownDate()).isEmpty();
        assertThat(luna.fineTunable()).isFalse();
        assertThat(luna.tokenCounter().encodingName()).isEqualTo("o200k_base");
    }

    @Test
    void gpt4oMiniIsFoundByIdAndSnapshotAndShutsDownWithAReplacement() {
        ModelProfile byId = catalog.find("gpt-4o-mini").orElseThrow();

        assertThat(catalog.find("gpt-4o-mini-2024-07-18")).contains(byId);
        assertThat(byId.snapshot()).contains("gpt-4o-mini-2024-07-18");
        assertThat(byId.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(byId.replacement()).contains("gpt-6-luna");
        assertThat(byId.reasons()).isFalse();
        assertThat(byId.allowsTemperature(Optional.empty())).isTrue();
        assertThat(byId.isShutDown(LocalDate.of(2027, 1, 13))).isFalse();
        assertThat(byId.isShutDown(LocalDate.of(2027, 1, 14))).isTrue();
        assertThat(byId.daysUntilShutdown(LocalDate.of(2026, 10, 17))).isEqualTo(OptionalInt.of(89));
        assertThat(byId.fineTuning()).hasValueSatisfying(ft -> {
            assertThat(ft.trainingPricePerMillion()).hasValue(3.00);
            assertThat(ft.maxTokensPerExample()).isEqualTo(65_536);
        });
    }

    @Test
    void theOtherModelsOfTheCatalog() {
        assertThat(catalog.find("gpt-5-nano").orElseThrow().shutdownDate()).contains(LocalDate.of(2026, 12, 11));
        assertThat(catalog.find("gpt-5-nano").orElseThrow().temperature()).isEqualTo(Temperature.NEVER);
        assertThat(catalog.find("gpt-5.6-luna").orElseThrow().prices().orElseThrow().outputPerMillion()).isEqualTo(1.20);
        assertThat(catalog.find("gpt-4.1-mini-2025-04-14").orElseThrow().id()).isEqualTo("gpt-4.1-mini");
        assertThat(catalog.find("gpt-4.1-nano").orElseThrow().fineTunable()).isTrue();
        assertThat(catalog.profiles()).extracting(ModelProfile::id).containsExactly("gpt-4.1-mini", "gpt-4.1-nano",
                "gpt-4o-mini", "gpt-5-nano", "gpt-5.6-luna", "gpt-6-luna");
    }

    @Test
    void aFineTunedModelResolvesToItsBaseWithFineTunedPricesAndTheBasesShutdown() {
        ModelProfile tuned = catalog.find("ft:gpt-4o-mini-2024-07-18:acme:news:abc123").orElseThrow();

        assertThat(tuned.id()).isEqualTo("ft:gpt-4o-mini-2024-07-18:acme:news:abc123");
        assertThat(tuned.prices()).contains(PriceTable.fineTunedGpt4oMini());
        assertThat(tuned.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(tuned.replacement()).contains("gpt-6-luna");
        assertThat(catalog.find("ft:gpt-4.1-nano-2025-04-14:acme::xyz:ckpt-step-30").orElseThrow().prices()
                .orElseThrow().inputPerMillion()).isEqualTo(0.20);
        assertThat(catalog.find("ft:some-open-model:acme::1")).isEmpty();
        assertThat(ModelCatalog.fineTunedBase("ft:gpt-4o-mini:org::1")).contains("gpt-4o-mini");
        assertThat(ModelCatalog.fineTunedBase("gpt-4o-mini")).isEmpty();
    }

    @Test
    void everyTableCanBeOverriddenFromTheDefaults() {
        ModelCatalog mine = ModelCatalog.builder()
                .prices("gpt-6-luna", PriceTable.perMillion(0.08, 0.008, 0.10, 0.40))
                .put(ModelProfile.builder("deepseek-chat").prices(PriceTable.perMillion(0.27, 0.07, 1.10))
                        .limits(64_000, 8_000).build())
                .remove("gpt-5-nano")
                .build();

        assertThat(mine.find("gpt-6-luna").orElseThrow().prices().orElseThrow().inputPerMillion()).isEqualTo(0.08);
        assertThat(mine.find("gpt-6-luna").orElseThrow().defaultEffort()).contains(ReasoningEffort.MEDIUM);
        assertThat(mine.find("deepseek-chat")).isPresent();
        assertThat(mine.find("gpt-5-nano")).isEmpty();
        assertThat(ModelCatalog.defaults().find("gpt-5-nano")).as("the defaults are untouched").isPresent();
        assertThat(ModelCatalog.emptyBuilder().build().profiles()).isEmpty();
        assertThatThrownBy(() -> ModelCatalog.builder().prices("nope", PriceTable.free()))
                .hasMessageContaining("no model 'nope'");
        assertThatThrownBy(() -> ModelCatalog.builder().put(ModelProfile.builder("ft:x:y").build()))
                .hasMessageContaining("fine-tuned");
    }

    @Test
    void aModelWithNoKnownPriceWarnsOnceAndReportsAnUnknownCostNeverZero() {
        ModelProfile unknown = catalog.profile("qwen-plus-test-unknown-1");

        List<String> log = LogCapture.linesOf(() -> {
            Usage first = unknown.usage(1_000, 0, 0, 50, 0);
            Usage second = unknown.usage(2_000, 0, 0, 60, 0);
            assertThat(first.costKnown()).isFalse();
            assertThat(first.cost()).isEmpty();
            assertThat(first.plus(second).costKnown()).isFalse();
        });

        assertThat(log.stream().filter(l -> l.contains("WARN") && l.contains("cost unknown"))).singleElement()
                .satisfies(l -> assertThat(l).contains("'qwen-plus-test-unknown-1'"));
    }

    @Test
    void usageIsPricedWithTheProfileAndBatchAtItsFactor() {
        ModelProfile luna = catalog.find("gpt-6-luna").orElseThrow();

        Usage usage = luna.usage(10_000, 4_096, 1_024, 400, 300);
        Usage batch = luna.batchUsage(10_000, 4_096, 1_024, 400, 300);

        double expected = (4_880 * 0.10 + 4_096 * 0.01 + 1_024 * 0.125 + 400 * 0.50) / 1e6;
        assertThat(usage.costUsd()).isCloseTo(expected, within(1e-15));
        assertThat(usage.reasoningTokens()).isEqualTo(300);
        assertThat(batch.costUsd()).isCloseTo(expected * 0.5, within(1e-15));
    }

    @Test
    void profilesAreCheckedWhenBuilt() {
        assertThatThrownBy(() -> ModelProfile.builder(" ").build()).hasMessageContaining("blank");
        assertThatThrownBy(() -> ModelProfile.builder("m").reasoning(List.of(ReasoningEffort.LOW), ReasoningEffort.HIGH)
                .build()).hasMessageContaining("not among its efforts");
        assertThatThrownBy(() -> ModelProfile.builder("m").reasoning(List.of(ReasoningEffort.LOW), ReasoningEffort.LOW)
                .temperature(Temperature.ONLY_WITHOUT_REASONING).build()).hasMessageContaining("reasoning_effort none");
        assertThatThrownBy(() -> ModelProfile.builder("m").limits(0, 10).build()).hasMessageContaining("contextTokens");
        ModelProfile unknown = ModelProfile.unknown("my-azure-deployment");
        assertThat(unknown.pricesKnown()).isFalse();
        assertThat(unknown.reasons()).isFalse();
        assertThat(unknown.allowsTemperature(Optional.empty())).isTrue();
    }
}
