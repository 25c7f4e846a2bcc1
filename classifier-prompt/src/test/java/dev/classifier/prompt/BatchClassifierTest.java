package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Usage;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.openai.JournalEntry;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The batch path against the test server: order, splitting, cost, expiry, retries, cancel, restart. */
class BatchClassifierTest {

    static final ManualClock clock = ManualClock.create();

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().clock(clock));

    @TempDir
    Path dir;

    private PromptClassifier prompt;
    private OpenAIClient client;

    private static final List<Article> ARTICLES = List.of(
            Article.of("a0", "Late goal", "The striker scored a late goal."),
            Article.of("a1", "地方选举", "地方选举结果今天公布。"),
            Article.of("a2", "New iPhone", "Apple showed a new iphone with faster software."),
            Article.of("a3", "国足", "国足在比赛最后时刻进球。"),
            Article.of("a4", "Parliament vote", "Parliament passed the election law."),
            Article.of("a5", "芯片", "新一代芯片今天发布。"));
    private static final List<String> LABELS = List.of("sports", "politics", "tech", "sports", "politics", "tech");

    @BeforeEach
    void setUp() {
        openAi.server().responder(ServerFixture.responder());
        client = ServerFixture.client(openAi.server());
        prompt = ServerFixture.classifier(openAi.server(), clock).build();
    }

    @AfterEach
    void tearDown() {
        prompt.close();
    }

    private BatchClassifier.Builder batch() {
        return BatchClassifier.builder(client, prompt).workDir(dir).clock(clock).sleeper(clock)
                .retryPolicy(RetryPolicy.defaults().withJitter(0.0));
    }

    private static List<String> labels(BatchRun run) {
        return run.outcomes().stream().map(o -> o.predictionIfAny().map(Prediction::label).orElse("FAILED")).toList();
    }

    private static long count(String method, String path) {
        return openAi.server().journal().entries(path).stream().filter(e -> e.method().equals(method)).count();
    }

    private static class Recorder implements BatchListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<String> deleted = new ArrayList<>();

        @Override
        public void onRequestFile(Path file, int requests) {
            events.add("file " + file.getFileName() + " " + requests);
        }

        @Override
        public void onBatchCreated(String batchId, String inputFileId, int round) {
            events.add("batch round " + round);
        }

        @Override
        public void onRetry(int round, int articles, boolean synchronous) {
            events.add("retry " + round + " " + articles + (synchronous ? " sync" : " batch"));
        }

        @Override
        public void onFilesDeleted(List<String> fileIds) {
            deleted.addAll(fileIds);
        }
    }

    @Test
    void outcomesComeInInputOrderFromSplitFilesAtHalfTheSynchronousPrice() {
        Recorder recorder = new Recorder();
        BatchRun run = batch().maxRequestsPerFile(4).build().run(ARTICLES.stream(), recorder);

        assertThat(labels(run)).containsExactlyElementsOf(LABELS);
        assertThat(run.outcomes()).extracting(o -> o.predictionIfAny().orElseThrow().usage().costUsd())
                .allSatisfy(cost -> assertThat(cost).isPositive());
        assertThat(recorder.events).containsSubsequence("file requests-r0-000.jsonl 4",
                "file requests-r0-001.jsonl 2", "batch round 0", "batch round 0");
        assertThat(run.batchIds()).hasSize(2).doesNotHaveDuplicates();
        assertThat(run.retryRounds()).isZero();

        // Every line names its article and the chat endpoint, with the synchronous request's model and schema.
        JournalEntry upload = openAi.server().journal().entries("/v1/files").get(0);
        assertThat(upload.body()).contains("\"custom_id\":\"a0\"", "\"url\":\"/v1/chat/completions\"",
                "\"model\":\"gpt-6-luna\"", "\"reasoning_effort\":\"none\"", "json_schema");

        // The same articles synchronously: the same tokens, twice the price.
        Usage synchronous = prompt.classifyAll(ARTICLES).stream().map(o -> o.predictionIfAny().orElseThrow().usage())
                .reduce(Usage.NONE, Usage::plus);
        assertThat(run.batchUsage().promptTokens()).isEqualTo(synchronous.promptTokens());
        assertThat(run.batchUsage().costUsd()).isCloseTo(synchronous.costUsd() / 2, within(1e-12));
        assertThat(run.synchronousUsage()).isEqualTo(Usage.NONE);

        // Inputs, outputs: all gone from the provider.
        assertThat(recorder.deleted).hasSize(4);
        assertThat(openAi.server().files().list()).isEmpty();
    }

    @Test
    void aRunLogsItsProgressByDefaultAndNotWhenTurnedOff() {
        List<String> lines = LogCapture.linesOf(() -> batch().build().run(ARTICLES.stream(), BatchListener.none()));
        assertThat(lines.stream().filter(line -> line.contains("batch run:")))
                .allMatch(line -> line.startsWith("INFO"))
                .anyMatch(line -> line.contains("batch run: wrote 6 requests to requests-r0-000.jsonl"))
                .anyMatch(line -> line.matches(".*batch run: batch \\S+ created$"))
                .anyMatch(line -> line.matches(".*batch run: batch \\S+ is completed, 6 of 6 requests done, 0 failed$"));

        List<String> quiet = LogCapture.linesOf(() -> batch().workDir(dir.resolve("quiet")).progressLog(false).build()
                .run(ARTICLES.stream(), BatchListener.none()));
        assertThat(quiet).noneMatch(line -> line.contains("batch run:"));
    }

    @Test
    void expiredArticlesGoToANewBatchForTheNextRound() {
        openAi.server().batches().timings(Duration.ofSeconds(30), Duration.ofHours(48), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        Recorder recorder = new Recorder() {
            @Override
            public void onRetry(int round, int articles, boolean synchronous) {
                super.onRetry(round, articles, synchronous);
                openAi.server().batches().timings(Duration.ofSeconds(30), Duration.ofMinutes(10),
                        Duration.ofMinutes(1), Duration.ofMinutes(1));
            }
        };
        BatchRun run = batch().pollInterval(Duration.ofMinutes(30)).build().run(ARTICLES.stream(), recorder);

        assertThat(labels(run)).containsExactlyElementsOf(LABELS);
        assertThat(run.retryRounds()).isEqualTo(1);
        assertThat(run.batchIds()).hasSize(2);
        // Requests finish every 8 hours of 48: two were done when the 24-hour window closed.
        assertThat(recorder.events).contains("retry 1 4 batch", "file requests-r1-000.jsonl 4", "batch round 1");
        assertThat(count("POST", "/v1/chat/completions")).isZero();
    }

    @Test
    void expiredArticlesAreRetriedSynchronouslyWhenAllowed() {
        openAi.server().batches().timings(Duration.ofSeconds(30), Duration.ofHours(48), Duration.ofMinutes(1),
                Duration.ofMinutes(1));
        Recorder recorder = new Recorder();
        BatchRun run = batch().pollInterval(Duration.ofHours(1)).allowSynchronousRetry(true).build()
                .run(ARTICLES.stream(), recorder);

        assertThat(labels(run)).containsExactlyElementsOf(LABELS);
        assertThat(recorder.events).contains("retry 1 4 sync");
        assertThat(run.batchIds()).hasSize(1);
        assertThat(count("POST", "/v1/chat/completions")).isEqualTo(4);
        assertThat(run.synchronousUsage().costUsd()).isPositive();
        // Four synchronous answers cost more than two batch answers of the same size.
        assertThat(run.synchronousUsage().costUsd()).isGreaterThan(run.batchUsage().costUsd());
    }

    @Test
    void aCancelledBatchKeepsWhatWasDoneAndIsNotRetried() {
        Recorder recorder = new Recorder() {
            @Override
            public void onStatus(String batchId, String status, long completed, long failed, long total) {
                if (status.equals("in_progress") && completed >= 3) {
                    client.batches().cancel(batchId);
                }
            }
        };
        BatchRun run = batch().pollInterval(Duration.ofMinutes(5)).build().run(ARTICLES.stream(), recorder);

        assertThat(run.batchIds()).hasSize(1);
        List<Outcome> failures = run.outcomes().stream().filter(o -> !o.isSuccess()).toList();
        assertThat(run.successes()).isBetween(3L, 5L);
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(((Outcome.Failure) f).error())
                .hasMessageContaining("batch_cancelled"));
        for (int i = 0; i < ARTICLES.size(); i++) {
            Outcome o = run.outcomes().get(i);
            String id = o instanceof Outcome.Failure f ? f.articleId() : null;
            if (id != null) {
                assertThat(id).isEqualTo(ARTICLES.get(i).id());
            } else {
                assertThat(o.predictionIfAny().orElseThrow().label()).isEqualTo(LABELS.get(i));
            }
        }
    }

    @Test
    void aRestartedProcessResumesTheSameBatchWithoutPayingTwice() {
        BatchClassifier crashing = batch().sleeper(d -> {
            throw new InterruptedException("the process died");
        }).build();
        assertThatThrownBy(() -> crashing.run(ARTICLES.stream(), BatchListener.none()))
                .hasMessageContaining("resume(");
        Thread.interrupted(); // the crash left the flag set
        Path stateFile = dir.resolve(BatchClassifier.STATE_FILE);
        assertThat(stateFile).exists();

        BatchRun run = batch().build().resume(stateFile, BatchListener.none());

        assertThat(labels(run)).containsExactlyElementsOf(LABELS);
        assertThat(count("POST", "/v1/files")).isEqualTo(1);
        assertThat(count("POST", "/v1/batches")).isEqualTo(1);
        assertThat(openAi.server().batches().batchIds()).containsExactlyElementsOf(run.batchIds());
    }

    @Test
    void cancellingARunFromItsStateFileThenResumingKeepsTheFinishedAnswers() {
        BatchClassifier crashing = batch().sleeper(d -> {
            clock.advance(Duration.ofMinutes(8)); // validated, and about half the requests done
            throw new InterruptedException("the process died");
        }).build();
        assertThatThrownBy(() -> crashing.run(ARTICLES.stream(), BatchListener.none()));
        Thread.interrupted();
        Path stateFile = dir.resolve(BatchClassifier.STATE_FILE);

        List<String> asked = batch().build().cancel(stateFile);
        BatchRun run = batch().build().resume(stateFile, BatchListener.none());

        assertThat(asked).containsExactlyElementsOf(run.batchIds());
        assertThat(openAi.server().batches().status(asked.get(0))).contains("cancelled");
        assertThat(run.successes()).isBetween(1L, 5L);
        assertThat(run.outcomes()).filteredOn(o -> !o.isSuccess()).isNotEmpty()
                .allSatisfy(f -> assertThat(((Outcome.Failure) f).error()).hasMessageContaining("batch_cancelled"));
        assertThat(count("POST", "/v1/batches")).isEqualTo(1);
    }

    @Test
    void aSecondRunInTheSameDirectoryIsRefused() {
        batch().build().run(ARTICLES.stream().limit(1), BatchListener.none());
        assertThatThrownBy(() -> batch().build().run(ARTICLES.stream(), BatchListener.none()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(dir.toString());
    }

    @Test
    void aRepeatedIdFailsBeforeAnythingIsSent() {
        Stream<Article> twice = Stream.of(ARTICLES.get(0), ARTICLES.get(1), Article.of("a0", "", "again"));
        assertThatThrownBy(() -> batch().build().run(twice, BatchListener.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a0'").hasMessageContaining("positions 0 and 2");
        assertThat(openAi.server().journal().size()).isZero();
        // Nothing was sent, so the directory is free for the corrected run.
        assertThat(batch().build().run(ARTICLES.stream().limit(2), BatchListener.none()).successes()).isEqualTo(2);
    }

    @Test
    void filesAreSplitByBytesToo() throws Exception {
        Recorder recorder = new Recorder();
        BatchRun run = batch().maxBytesPerFile(Files.size(Path.of("pom.xml")) / 2 + 3_000).build()
                .run(ARTICLES.stream(), recorder);
        assertThat(labels(run)).containsExactlyElementsOf(LABELS);
        assertThat(recorder.events.stream().filter(e -> e.startsWith("file ")).count())
                .isEqualTo(run.batchIds().size()).isGreaterThan(1);
    }
}
