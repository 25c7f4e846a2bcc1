package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real classifier on a retiring model, against the test server (gpt-4o-mini shuts down on 2027-01-14 there, as
 * at OpenAI): a warning on first use within 90 days of the date, none before; after the date the error names the
 * replacement; a server without a models endpoint never breaks classification. A batch run warns at its start, as
 * the prompt classifier does on its first call.
 */
class RetirementOnFirstUseTest {

    static final LocalDate SHUTDOWN = LocalDate.of(2027, 1, 14);
    static final String CHAT = "/v1/chat/completions";
    static final String MODEL = "/v1/models/{model}";

    private final ManualClock clock = ManualClock.create();
    private final OpenAiTestServer server = OpenAiTestServer.builder().clock(clock)
            .responder(ServerFixture.responder()).build().start();
    private final Article goal = Article.of("g1", "Late winner", "The striker scored a goal in the 90th minute.");
    private final Article election = Article.of("e1", "地方选举", "地方选举结果今天公布。");

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void today(LocalDate day) {
        clock.advanceTo(day.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    private PromptClassifier gpt4oMini() {
        return ServerFixture.classifier(server, clock).model("gpt-4o-mini").build();
    }

    /** The lines logged while the work runs, WARN lines only. */
    private static List<String> warnings(Runnable work) {
        return LogCapture.linesOf(work).stream().filter(l -> l.contains("WARN")).toList();
    }

    @Test
    void eightyNineDaysBeforeTheShutdownTheFirstClassificationWarnsOnce() {
        today(SHUTDOWN.minusDays(89));
        try (PromptClassifier classifier = gpt4oMini()) {
            List<String> first = warnings(() -> assertThat(classifier.classify(goal).label()).isEqualTo("sports"));
            List<String> second = warnings(() -> assertThat(classifier.classify(election).label())
                    .isEqualTo("politics"));

            assertThat(first).singleElement().satisfies(line -> assertThat(line)
                    .contains("gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is gpt-6-luna"));
            assertThat(second).isEmpty();
        }
        assertThat(server.journal().count(MODEL)).as("looked up once").isEqualTo(1);
        assertThat(server.journal().count(CHAT)).isEqualTo(2);
    }

    @Test
    void aBatchRunWarnsAtItsStartBeforeAnythingIsUploaded(@TempDir Path workDir) {
        today(SHUTDOWN.minusDays(89));
        OpenAIClient client = ServerFixture.client(server); // the batch's own client: the prompt classifier's is unused
        try (PromptClassifier classifier = gpt4oMini()) {
            BatchClassifier batch = BatchClassifier.builder(client, classifier).workDir(workDir).clock(clock)
                    .sleeper(clock).pollInterval(Duration.ofMinutes(10)).build();
            List<Outcome> outcomes = new ArrayList<>();

            List<String> logged = warnings(() -> outcomes.addAll(batch.run(Stream.of(goal, election),
                    BatchListener.none()).outcomes()));

            assertThat(logged).singleElement().satisfies(line -> assertThat(line)
                    .contains("gpt-4o-mini retires on 2027-01-14, in 89 days; its replacement is gpt-6-luna")
                    .contains("model(\"gpt-6-luna\")"));
            assertThat(outcomes).allMatch(Outcome::isSuccess);
            // The lookup came first: before the request file went up.
            assertThat(server.journal().entries().get(0).path()).isEqualTo("/v1/models/gpt-4o-mini");
            assertThat(server.journal().count(MODEL)).as("looked up once for the batch's client").isEqualTo(1);
            assertThat(server.journal().count(CHAT)).as("the batch path makes no chat call").isZero();
        } finally {
            client.close();
        }
    }

    @Test
    void ninetyOneDaysBeforeTheShutdownNothingIsLogged() {
        today(SHUTDOWN.minusDays(91));
        try (PromptClassifier classifier = gpt4oMini()) {
            assertThat(warnings(() -> classifier.classify(goal))).isEmpty();
        }
        assertThat(server.journal().count(MODEL)).isEqualTo(1);
    }

    @Test
    void afterTheShutdownTheClassifiersErrorNamesTheReplacement() {
        today(SHUTDOWN.plusDays(1));
        try (PromptClassifier classifier = gpt4oMini()) {
            List<String> logged = warnings(() -> assertThatThrownBy(() -> classifier.classify(goal))
                    .isExactlyInstanceOf(ClassificationException.class)
                    .hasMessageContaining("classifying article 'g1'")
                    .hasMessageContaining("the model 'gpt-4o-mini' is gone")
                    .hasMessageContaining("model_not_found")
                    .hasMessageContaining("its replacement is 'gpt-6-luna': use model(\"gpt-6-luna\")")
                    .hasMessageNotContaining("striker"));

            assertThat(logged).anySatisfy(line -> assertThat(line).contains("gpt-4o-mini is gone"));
        }
        assertThat(server.journal().count(CHAT)).as("a 404 is not retried").isEqualTo(1);
    }

    @Test
    void aServerWithoutAModelsEndpointStillClassifies() {
        server.faults().onEndpoint("GET", MODEL).always().status(404);
        today(SHUTDOWN.minusDays(20));
        try (PromptClassifier classifier = gpt4oMini()) {
            List<Outcome> outcomes = classifier.classifyAll(List.of(goal, election));

            assertThat(outcomes).allMatch(Outcome::isSuccess);
            assertThat(outcomes.get(1).predictionIfAny().orElseThrow().label()).isEqualTo("politics");
        }
        assertThat(server.journal().count(MODEL)).isEqualTo(1);
    }

    @Test
    void aModelsEndpointThatFailsStillClassifies() {
        server.faults().onEndpoint("GET", MODEL).always().status(503);
        try (PromptClassifier classifier = gpt4oMini()) {
            assertThat(classifier.classify(goal).label()).isEqualTo("sports");
        }
        assertThat(server.journal().count(MODEL)).as("the check is one attempt").isEqualTo(1);
    }
}
