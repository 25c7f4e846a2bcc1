package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Feedback;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalTrainer;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.FineTuningSimulation;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The advisor on the models of 2027: OpenAI takes no new fine-tuning jobs from 2027-01-06, gpt-6-luna cannot be
 * fine-tuned, gpt-4o-mini shuts down on 2027-01-14; it says so and what to do instead, with the local model's
 * accuracy measured on the feedback it is given.
 */
class AdviceIn2027Test {

    /** The test server's clock; the advisors read their own, set to the day each test needs. */
    private static final ManualClock clock = ManualClock.startingAt(Instant.parse("2026-12-06T09:00:00Z"));

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    private static final Taxonomy TAXONOMY = Samples.taxonomy();
    /** The 228 sample feedback, given from 2026-01-05 under the current rules. */
    private static final List<Feedback> FEEDBACK = Samples.feedback();

    private static FineTuneAdvisor.Builder advisor(String model, String day) {
        return FineTuneAdvisor.builder(TAXONOMY).model(model).minExamples(200)
                .clock(ManualClock.startingAt(Instant.parse(day + "T09:00:00Z")));
    }

    @Test
    void onTheDayOpenAiTakesNoNewJobsTheAdviceSaysSoAndWhatToDoInstead() {
        assertThat(FineTuning.OPENAI_NO_NEW_JOBS_FROM).isEqualTo(FineTuningSimulation.OPENAI_NO_NEW_JOBS_FROM);

        Advice advice = advisor(Samples.MODEL, "2027-01-06").build().advise(FEEDBACK);

        assertThat(advice.finding(Advice.Check.NEW_JOBS)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.FAIL);
            assertThat(f.reason()).contains("OpenAI takes no new fine-tuning jobs since 2027-01-06",
                    "models tuned earlier keep answering");
        });
        assertThat(advice.fineTuningAvailable()).isFalse();
        assertThat(advice.worthIt()).isFalse();
        // The feedback itself would do: only the way is closed.
        assertThat(advice.failures()).extracting(Advice.Finding::check).containsExactly(Advice.Check.NEW_JOBS);
        assertThat(advice.alternatives()).extracting(Alternative::route).containsExactly(
                Alternative.Route.AZURE_OPENAI, Alternative.Route.OPEN_WEIGHT, Alternative.Route.LOCAL_MODEL,
                Alternative.Route.EMBEDDINGS);
        assertThat(advice.alternative(Alternative.Route.AZURE_OPENAI).orElseThrow().reason())
                .contains("OpenAiClients.azure(endpoint, key)", "deployment");
        assertThat(advice.alternative(Alternative.Route.OPEN_WEIGHT).orElseThrow().reason())
                .contains("TRL", "Axolotl", "LLaMA-Factory", "MLX-LM", "vLLM", "Ollama", "llama.cpp",
                        "OpenAiClients.compatible(url, key)");
        Alternative local = advice.alternative(Alternative.Route.LOCAL_MODEL).orElseThrow();
        Alternative.Accuracy accuracy = local.accuracy().orElseThrow();
        assertThat(accuracy.examples()).isEqualTo(228);
        assertThat(accuracy.folds()).isEqualTo(5);
        // Eight labels (chance: 12.5%); the local model learns the samples' English and Chinese well past chance.
        assertThat(accuracy.accuracy()).isBetween(0.5, 1.0);
        assertThat(local.reason()).contains("Accuracy on your feedback: " + accuracy);
        assertThat(advice.alternative(Alternative.Route.EMBEDDINGS).orElseThrow()).satisfies(a -> {
            assertThat(a.accuracy()).isEmpty();
            assertThat(a.reason()).contains("Not measured here", "embeddingTrainer");
        });
        assertThat(advice.summary()).startsWith("Fine-tuning gpt-4.1-nano is not a way now.")
                .contains("What to do instead:", "- azure openai: ", "- local model: ");
    }

    @Test
    void theDayBeforeAFineTunableModelIsAdvisedAsAlways() {
        Advice advice = advisor(Samples.MODEL, "2027-01-05").build().advise(FEEDBACK);

        assertThat(advice.worthIt()).as(advice.summary()).isTrue();
        assertThat(advice.finding(Advice.Check.NEW_JOBS)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.PASS);
            assertThat(f.reason()).contains("until 2027-01-05 (1 day(s) left)");
        });
        assertThat(advice.finding(Advice.Check.FINE_TUNABLE).reason())
                .isEqualTo("gpt-4.1-nano can be fine-tuned ($1.50 per 1M trained tokens, up to 65,536 tokens an"
                        + " example)");
        assertThat(advice.cost()).isPresent();
        assertThat(advice.alternatives()).isEmpty();
        assertThat(advice.summary()).startsWith("Fine-tuning gpt-4.1-nano is worth it now.");
    }

    @Test
    void aModelThatCannotBeFineTunedIsRefusedWithTheAlternatives() {
        Advice advice = advisor("gpt-6-luna", "2026-12-06").build().advise(FEEDBACK);

        assertThat(advice.finding(Advice.Check.FINE_TUNABLE)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.FAIL);
            assertThat(f.reason()).isEqualTo("gpt-6-luna cannot be fine-tuned (the catalog's profile says so);"
                    + " fine-tunable in the catalog: gpt-4.1-mini (shuts down 2027-01-14), gpt-4.1-nano, gpt-4o-mini"
                    + " (shuts down 2027-01-14)");
        });
        assertThat(advice.finding(Advice.Check.COST).verdict()).isEqualTo(Advice.Verdict.UNKNOWN);
        assertThat(advice.fineTuningAvailable()).isFalse();
        assertThat(advice.alternatives()).extracting(Alternative::route).contains(Alternative.Route.OPEN_WEIGHT,
                Alternative.Route.LOCAL_MODEL);
        assertThat(advice.alternative(Alternative.Route.LOCAL_MODEL).orElseThrow().accuracy()).isPresent();
    }

    @Test
    void aRetiringBaseModelIsNamedWithItsShutdownDate() {
        Advice advice = advisor("gpt-4o-mini", "2026-12-06").build().advise(FEEDBACK);

        assertThat(advice.shutdownDate()).contains(LocalDate.of(2027, 1, 14));
        assertThat(advice.finding(Advice.Check.MODEL_LIFETIME)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.FAIL);
            assertThat(f.reason()).contains("gpt-4o-mini shuts down on 2027-01-14, in 39 days (as the catalog has it)",
                    "before it could pay back its training", "its replacement, gpt-6-luna, cannot be fine-tuned");
        });
        assertThat(advice.alternatives()).isNotEmpty();

        // Asked, the provider's date is the one reported.
        openAi.server().models().shutdownDate("gpt-4o-mini-2024-07-18", LocalDate.of(2027, 1, 10));
        OpenAIClient client = TestService.client(openAi.server());
        try {
            Advice asked = advisor("gpt-4o-mini", "2026-12-06").models(client).build().advise(FEEDBACK);
            assertThat(asked.shutdownDate()).contains(LocalDate.of(2027, 1, 10));
            assertThat(asked.finding(Advice.Check.MODEL_LIFETIME).reason())
                    .contains("shuts down on 2027-01-10, in 35 days (as the provider has it)");
        } finally {
            client.close();
        }
    }

    @Test
    void onAzureOpenAisEndOfNewJobsDoesNotApply() {
        Advice advice = advisor(Samples.MODEL, "2027-01-07").provider(FineTuneAdvisor.Provider.AZURE_OPENAI).build()
                .advise(FEEDBACK);

        assertThat(advice.finding(Advice.Check.NEW_JOBS)).satisfies(f -> {
            assertThat(f.verdict()).isEqualTo(Advice.Verdict.PASS);
            assertThat(f.reason()).contains("on Azure OpenAI");
        });
        assertThat(advice.worthIt()).isTrue();
        // A model that cannot be tuned is not one on Azure either; Azure is then not offered as the way out.
        Advice luna = advisor("gpt-6-luna", "2027-01-07").provider(FineTuneAdvisor.Provider.AZURE_OPENAI).build()
                .advise(FEEDBACK);
        assertThat(luna.alternatives()).extracting(Alternative::route)
                .doesNotContain(Alternative.Route.AZURE_OPENAI).contains(Alternative.Route.OPEN_WEIGHT);
    }

    @Test
    void anyOfflineTrainerGivenIsMeasuredTooAndTooLittleFeedbackIsSaid() {
        Advice advice = advisor(Samples.MODEL, "2027-01-06").crossValidationFolds(3)
                .embeddingTrainer(LocalTrainer.builder().calibrationFolds(0).minDocumentFrequency(2).build())
                .build().advise(FEEDBACK);

        assertThat(advice.alternative(Alternative.Route.EMBEDDINGS).orElseThrow().accuracy())
                .hasValueSatisfying(a -> assertThat(a.folds()).isEqualTo(3));

        Advice few = advisor(Samples.MODEL, "2027-01-06").build().advise(FEEDBACK.subList(0, 6));
        assertThat(few.alternative(Alternative.Route.LOCAL_MODEL).orElseThrow()).satisfies(a -> {
            assertThat(a.accuracy()).isEmpty();
            assertThat(a.reason()).contains("Too little feedback to measure it (6 examples");
        });
    }

    @Test
    void thereIsNoDefaultModel() {
        assertThatThrownBy(() -> FineTuneAdvisor.builder(TAXONOMY).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name the model to fine-tune", "no default model", "gpt-4.1-nano");
        assertThat(Optional.of(advisor("gpt-4.1-mini", "2026-12-06").build().toString()))
                .contains("FineTuneAdvisor[gpt-4.1-mini, OPENAI]");
    }
}
