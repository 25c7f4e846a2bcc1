package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.PriceTable;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fine-tuned classifier's settings that need no server. */
class FineTunedClassifierSettingsTest {

    private static final PromptFormat FORMAT = PromptFormat.of(Samples.taxonomy());
    private final ManualClock clock = ManualClock.create();
    /** Never called: nothing listens there. */
    private final OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:9/v1").apiKey("unused")
            .build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void pricesComeFromTheCatalogByTheModelTunedFrom() {
        try (FineTunedClassifier gpt4oMini = FineTunedClassifier.builder(client,
                "ft:gpt-4o-mini-2024-07-18:acme:news:abc", FORMAT).build();
             FineTunedClassifier nano = FineTunedClassifier.builder(client, "ft:gpt-4.1-nano-2025-04-14:acme::x",
                     FORMAT).build()) {
            assertThat(gpt4oMini.prices()).contains(PriceTable.perMillion(0.30, 0.15, 1.20));
            assertThat(nano.prices()).contains(PriceTable.perMillion(0.20, 0.05, 0.80));
        }
        // A catalog of the caller's: a contract price for the base's tuned models.
        ModelCatalog contract = ModelCatalog.builder().put(ModelCatalog.defaults().profile("gpt-4.1-nano").toBuilder()
                .fineTuning(new ModelProfile.FineTuning(OptionalDouble.of(1.00), 65_536,
                        Optional.of(PriceTable.perMillion(0.10, 0.02, 0.40)))).build()).build();
        try (FineTunedClassifier nano = FineTunedClassifier.builder(client, "ft:gpt-4.1-nano-2025-04-14:acme::x",
                FORMAT).catalog(contract).build()) {
            assertThat(nano.prices()).contains(PriceTable.perMillion(0.10, 0.02, 0.40));
        }
    }

    @Test
    void aJobThatMadeNoModelCannotClassify() {
        JobSnapshot running = new JobSnapshot("ftjob-x", JobStatus.RUNNING, "gpt-4o-mini", Optional.empty(), "file-1",
                Optional.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), Optional.empty(),
                clock.instant(), Optional.empty(), Optional.empty(), java.util.Map.of());

        assertThatThrownBy(() -> FineTunedClassifier.builder(client, running, FORMAT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftjob-x has made no model (it is running)");
    }
}
