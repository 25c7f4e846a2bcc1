package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Classifier;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.ClassifierContract;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

/** The fine-tuned classifier keeps the contract every classifier keeps, answering from a model tuned on the server. */
class FineTunedClassifierContractTest extends ClassifierContract {

    private static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock).responder(LabelResponder.builder()
                    .rule("rate", "Business").rule("cup final", "Sports").rule("国足", "Sports")
                    .rule("央行", "Business").rule("iPhone", "Technology").rule("comet", "Science")
                    .fallback("Uncategorized").build()));

    @TempDir
    static Path dir;

    private OpenAIClient client;

    @Override
    protected Classifier createClassifier() {
        client = TestService.client(openAi.server());
        JobSnapshot job = TunedModels.tune(client, clock, dir);
        return FineTunedClassifier.builder(client, job, PromptFormat.of(Samples.taxonomy())).clock(clock)
                .sleeper(clock).build();
    }

    /** A tuned model that has since been deleted: the server answers 404 model_not_found. */
    @Override
    protected Optional<Classifier> createFailingClassifier() {
        return Optional.of(FineTunedClassifier.builder(client, "ft:gpt-4o-mini-2024-07-18:org:deleted:ftjob-gone",
                PromptFormat.of(Samples.taxonomy())).clock(clock).sleeper(clock).build());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
