package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.testkit.ClassifierContract;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/** PromptClassifier passes what every classifier must, against the OpenAI test server. */
class PromptClassifierContractTest extends ClassifierContract {

    static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @BeforeEach
    void rules() {
        openAi.server().responder(ServerFixture.responder());
    }

    @Override
    protected Classifier createClassifier() {
        return ServerFixture.classifier(openAi.server(), clock).concurrency(4).build();
    }

    @Test
    void aNullInABatchFailsItBeforeAnyCallIsPaidFor() {
        List<Article> batch = Arrays.asList(Article.of("n-1", "Striker scores", ""),
                Article.of("n-2", "选举结果公布", ""), null);
        assertThatNullPointerException().isThrownBy(() -> classifier().classifyAll(batch));
        assertThat(openAi.server().journal().size()).as("requests sent").isZero();
    }

    /** A classifier whose key the server refuses: every call fails with 401. */
    @Override
    protected Optional<Classifier> createFailingClassifier() {
        return Optional.of(PromptClassifier.builder(OpenAiClients.compatible(openAi.server().baseUrl(),
                        "sk-refused-0123456789"), ServerFixture.TAXONOMY)
                .clock(clock).sleeper(clock).concurrency(4).closeClientOnClose(true).build());
    }
}
