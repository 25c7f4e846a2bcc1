package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.BudgetExceededException;
import dev.classifier.api.Outcome;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.openai.SpendingCap;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A run over its budget stops before the call that would exceed it: seen in the test server's journal. */
class BudgetTest {

    static final String CHAT = "/v1/chat/completions";

    @RegisterExtension
    final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.create();

    @TempDir
    Path dir;

    private ManualClock clock;

    @BeforeEach
    void setUp() {
        clock = (ManualClock) openAi.server().clock();
        openAi.server().responder(ServerFixture.responder());
    }

    private static List<Article> articles(int n) {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            articles.add(Article.of("a" + i, "Match report " + i, "The striker scored goal number " + i + "."));
        }
        return articles;
    }

    private List<JournalEntry> requests(String method, String path) {
        return openAi.server().journal().entries(path).stream().filter(e -> e.method().equals(method)).toList();
    }

    @Test
    void aClassifierStopsBeforeTheCallThatWouldExceedItsBudget() {
        List<Article> articles = articles(6);
        double perCall;
        try (PromptClassifier probe = ServerFixture.classifier(openAi.server(), clock).build()) {
            perCall = probe.estimate(articles.subList(0, 1)).costUsd();
        }
        SpendingCap cap = SpendingCap.builder().perRun(perCall * 2.5).clock(clock).build();

        try (PromptClassifier classifier = ServerFixture.classifier(openAi.server(), clock).concurrency(1)
                .spendingCap(cap).build()) {
            List<Outcome> outcomes = classifier.classifyAll(articles);

            long answered = outcomes.stream().filter(Outcome::isSuccess).count();
            assertThat(answered).isBetween(2L, 4L);
            assertThat(requests("POST", CHAT)).as("no call beyond the budget reached the server").hasSize((int) answered);
            assertThat(outcomes.subList((int) answered, outcomes.size())).allSatisfy(o -> assertThat(
                    ((Outcome.Failure) o).error()).isInstanceOf(BudgetExceededException.class)
                    .hasMessageContaining("not sent").hasMessageContaining("the run's budget"));
            assertThat(cap.spentThisRun()).isEqualTo(classifier.totalUsage().costUsd())
                    .isLessThanOrEqualTo(perCall * 2.5);
        }
    }

    @Test
    void aBatchRunStopsBeforeTheBatchThatWouldExceedItsBudgetAndResumesWithALargerOne() {
        List<Article> articles = articles(6);
        OpenAIClient client = ServerFixture.client(openAi.server());
        try (PromptClassifier prompt = ServerFixture.classifier(openAi.server(), clock).build()) {
            ModelProfile profile = prompt.profile();
            double firstFile = prompt.estimate(articles.subList(0, 2)).costUsd() * profile.prices().orElseThrow()
                    .batchFactor();
            SpendingCap cap = SpendingCap.builder().perRun(firstFile * 1.5).clock(clock).build();
            BatchClassifier.Builder batch = BatchClassifier.builder(client, prompt).workDir(dir).clock(clock)
                    .sleeper(clock).maxRequestsPerFile(2).retryPolicy(RetryPolicy.defaults().withJitter(0));

            assertThatThrownBy(() -> batch.spendingCap(cap).build().run(articles.stream(), BatchListener.none()))
                    .isInstanceOfSatisfying(BudgetExceededException.class, e -> assertThat(e.getMessage())
                            .startsWith("creating the batch for requests-r0-001.jsonl: not sent")
                            .contains("in calls under way"));
            // The first file went up and got its batch; nothing was sent for the second.
            assertThat(requests("POST", "/v1/files")).hasSize(1);
            assertThat(requests("POST", "/v1/batches")).hasSize(1);
            assertThat(cap.spentThisRun()).isZero(); // its batch was never waited for, so never settled
            Path stateFile = dir.resolve(BatchClassifier.STATE_FILE);
            assertThat(stateFile).exists();

            SpendingCap larger = SpendingCap.builder().perRun(firstFile * 10).clock(clock).build();
            BatchRun resumed = batch.spendingCap(larger).pollInterval(Duration.ofMinutes(1)).build()
                    .resume(stateFile, BatchListener.none());

            assertThat(resumed.successes()).isEqualTo(6);
            assertThat(requests("POST", "/v1/batches")).hasSize(3);
            assertThat(larger.spentThisRun()).isEqualTo(resumed.batchUsage().costUsd())
                    .isLessThanOrEqualTo(firstFile * 10);
            assertThat(Files.exists(stateFile)).isTrue();
        } finally {
            client.close();
        }
    }

    @Test
    void aCapNeedsPrices() {
        assertThatThrownBy(() -> ServerFixture.classifier(openAi.server(), clock).model("acme-unpriced")
                .spendingCap(SpendingCap.perRun(1)).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs prices");
    }
}
