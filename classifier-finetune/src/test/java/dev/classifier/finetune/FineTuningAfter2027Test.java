package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * OpenAI takes no new fine-tuning jobs from 2027-01-06 (the test server refuses them as OpenAI does then): starting one
 * fails with a typed, clear error that names the ways on. Azure OpenAI is not bound by OpenAI's wind-down: the same
 * code trains there.
 */
class FineTuningAfter2027Test {

    private static final String MODEL = "gpt-4.1-nano-2025-04-14";

    @TempDir
    Path dir;

    private static ManualClock at(String instant) {
        return ManualClock.startingAt(Instant.parse(instant));
    }

    @Test
    void fromJanuarySixthOpenAiRefusesNewJobsAndTheErrorSaysWhatToDoInstead() {
        ManualClock clock = at("2027-01-06T00:00:05Z");
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).build().start()) {
            OpenAIClient client = TestService.client(server);
            try {
                FineTuning fineTuning = TestService.fineTuning(client, clock).build();
                UploadedFile training = fineTuning.upload(Training.write(dir, 12).training()); // files still work
                JobStateFile state = JobStateFile.at(dir.resolve("job.json"));

                assertThatThrownBy(() -> fineTuning.start(JobRequest.builder(MODEL, training.id()).build(), state))
                        .isInstanceOfSatisfying(CreationRefusedException.class, e -> {
                            assertThat(e.isRetryable()).isFalse();
                            assertThat(e.status()).hasValue(403);
                            assertThat(e.code()).contains("fine_tuning_unavailable");
                            assertThat(e.getMessage()).startsWith("creating a fine-tuning job on " + MODEL
                                            + " was refused: OpenAI takes no new fine-tuning jobs since 2027-01-06")
                                    .contains("Models tuned earlier keep answering until their base model shuts down",
                                            "Azure OpenAI", "OpenAiClients.azure(endpoint, key)", "open-weight model",
                                            "vLLM, Ollama or llama.cpp", "LocalClassifier and EmbeddingClassifier",
                                            "FineTuneAdvisor")
                                    .doesNotContain("Fine-tuning no longer accepts new jobs") // the provider's words
                                    .doesNotContain(server.apiKey());
                            assertThat(e.alternatives()).extracting(Alternative::route).containsExactly(
                                    Alternative.Route.AZURE_OPENAI, Alternative.Route.OPEN_WEIGHT,
                                    Alternative.Route.LOCAL_MODEL, Alternative.Route.EMBEDDINGS);
                        });
                // Refused outright: nothing to resume, nothing retried.
                assertThat(state.read()).isEmpty();
                assertThat(server.journal().entries("/v1/fine_tuning/jobs")).extracting(JournalEntry::status)
                        .containsExactly(403);
                assertThat(server.fineTuning().jobIds()).isEmpty();
            } finally {
                client.close();
            }
        }
    }

    @Test
    void theDayBeforeAJobStartsAsAlways() {
        ManualClock clock = at("2027-01-05T23:55:00Z");
        try (OpenAiTestServer server = OpenAiTestServer.builder().clock(clock).build().start()) {
            OpenAIClient client = TestService.client(server);
            try {
                FineTuning fineTuning = TestService.fineTuning(client, clock).build();
                UploadedFile training = fineTuning.upload(Training.write(dir, 12).training());

                FineTuneJob job = fineTuning.start(JobRequest.builder(MODEL, training.id()).epochs(1).build(),
                        JobStateFile.at(dir.resolve("job.json")));

                // It runs on past the 6th: only new jobs are refused.
                assertThat(job.await(Duration.ofHours(2), JobListener.NONE).status()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(clock.instant()).isAfter(Instant.parse("2027-01-06T00:00:00Z"));
            } finally {
                client.close();
            }
        }
    }

    @Test
    void onAzureOpenAiTheSameCodeStillTrainsAndClassifiesThroughADeployment() {
        ManualClock clock = at("2027-01-07T09:00:00Z");
        try (OpenAiTestServer server = OpenAiTestServer.builder().azure().apiKey("azure-key").clock(clock)
                .responder(LabelResponder.builder().rule("选举", "Politics").fallback("Uncategorized").build())
                .build().start()) {
            // The test server applies OpenAI's end of new jobs in every mode; Azure OpenAI is not bound by it.
            server.fineTuning().newJobsWithoutEnd();
            OpenAIClient client = OpenAiClients.azure(server.azureEndpoint(), "azure-key");
            try {
                FineTuning fineTuning = TestService.fineTuning(client, clock).build();
                UploadedFile training = fineTuning.upload(Training.write(dir, 12).training());
                FineTuneJob job = fineTuning.start(JobRequest.builder(MODEL, training.id()).epochs(1)
                        .suffix("news").build(), JobStateFile.at(dir.resolve("job.json")));
                JobSnapshot done = job.await(Duration.ofHours(1), JobListener.NONE);

                assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
                String tuned = done.fineTunedModel().orElseThrow();
                assertThat(tuned).startsWith("ft:" + MODEL + ":");
                assertThat(server.journal().entries()).allSatisfy(e -> {
                    assertThat(e.path()).startsWith("/openai/");
                    assertThat(e.query()).containsKey("api-version");
                });
                assertThat(server.journal().entries("/v1/fine_tuning/jobs")).extracting(JournalEntry::method)
                        .contains("POST");
                // A tuned model answers once deployed; here the deployment is named after the model.
                PromptFormat format = PromptFormat.of(Samples.taxonomy());
                try (FineTunedClassifier classifier = FineTunedClassifier.builder(client, tuned, format)
                        .clock(clock).sleeper(clock).build()) {
                    assertThat(classifier.classify(Article.of("zh-1", "地方选举结果公布", "")).label())
                            .isEqualTo("Politics");
                }
                assertThat(server.journal().last().orElseThrow().path())
                        .isEqualTo("/openai/deployments/" + tuned + "/chat/completions");
            } finally {
                client.close();
            }
        }
    }
}
