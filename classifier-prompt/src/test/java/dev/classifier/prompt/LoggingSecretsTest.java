package dev.classifier.prompt;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.testkit.ManualClock;
import dev.classifier.testkit.openai.OpenAiTestServer;
import dev.classifier.testkit.openai.OpenAiTestServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The API key and the articles stay out of what the library writes: its SLF4J lines (debug on in these tests),
 * the SDK's own logging (which this module's surefire run turns to {@code debug} through {@code OPENAI_LOG}),
 * exception messages and {@code toString}.
 */
class LoggingSecretsTest {

    static final String KEY = "sk-proj-SECRET-abcdef0123456789";
    static final String TEXT = "Confidential draft: the striker's goal bonus is 4.2 million";
    static final Article ARTICLE = Article.of("secret-1", "Contract talks", TEXT);
    static final ManualClock clock = ManualClock.create();
    /** Exact waits: with the default jitter the second backoff (750–1000 ms) sometimes rounds to a whole second. */
    static final RetryPolicy NO_JITTER = RetryPolicy.defaults().withJitter(0);

    @RegisterExtension
    static final OpenAiTestServerExtension openAi = OpenAiTestServerExtension.with(
            OpenAiTestServer.builder().apiKey(KEY).clock(clock).responder(ServerFixture.responder()));

    /** Runs {@code work} with stderr (where slf4j-simple and the SDK write) captured. */
    private static String captureStderr(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void knowTheDefaultModel() {
        ServerFixture.knowDefaultModel(openAi.server());
    }

    @Test
    void theLibraryLogsNeitherTheKeyNorTheText() {
        openAi.server().faults().onEndpoint("/v1/chat/completions").nth(1).rateLimited().retryAfter(Duration.ofSeconds(1));
        openAi.server().faults().onEndpoint("/v1/chat/completions").nth(2).status(500);
        PromptListener throwing = new PromptListener() {
            @Override
            public void onCall(CallEvent event) {
                throw new IllegalStateException(TEXT);
            }
        };
        String[] described = new String[2];
        String log = captureStderr(() -> {
            try (PromptClassifier classifier = PromptClassifier.builder(
                            OpenAiClients.compatible(openAi.baseUrl(), KEY), ServerFixture.TAXONOMY)
                    .retryPolicy(NO_JITTER).clock(clock).sleeper(clock).listener(throwing).closeClientOnClose(true)
                    .build()) {
                assertThat(classifier.classify(ARTICLE).label()).isEqualTo("sports");
                described[0] = classifier.toString();
            }
            try (PromptClassifier wrongKey = PromptClassifier.builder(
                            OpenAiClients.compatible(openAi.baseUrl(), KEY + "-revoked"), ServerFixture.TAXONOMY)
                    .clock(clock).sleeper(clock).closeClientOnClose(true).build()) {
                List<Outcome> outcomes = wrongKey.classifyAll(List.of(ARTICLE, Article.of("b", "Election", "")));
                ClassificationException error = ((Outcome.Failure) outcomes.get(0)).error();
                described[1] = error + " " + error.getCause() + " " + outcomes;
            }
        });

        assertThat(log).as("the capture works: the retries and the listener failure were logged")
                .containsPattern("WARN .*retrying in PT1S \\(attempt 2 of 5\\)")
                .containsPattern("DEBUG .*retrying in PT1S \\(attempt 3 of 5\\)")
                .contains("a prompt listener failed");
        assertThat(log).doesNotContain(KEY).doesNotContain("SECRET").doesNotContain("goal bonus")
                .doesNotContain("-->");
        assertThat(described[0]).doesNotContain(KEY);
        assertThat(described[1]).contains("HTTP 401").doesNotContain(KEY).doesNotContain("SECRET")
                .doesNotContain("goal bonus");
    }

    @Test
    void theSdksOwnLoggingIsOffInClientsTheLibraryBuilds() {
        assumeThat(System.getenv("OPENAI_LOG")).as("surefire sets OPENAI_LOG=debug for this module").isEqualTo("debug");
        // A client built without pinning the level follows OPENAI_LOG and prints the request body...
        OpenAIClient unpinned = OpenAIOkHttpClient.builder().baseUrl(openAi.baseUrl()).apiKey(KEY).maxRetries(0)
                .build();
        String sdkLog = captureStderr(() -> {
            try (PromptClassifier classifier = PromptClassifier.builder(unpinned, ServerFixture.TAXONOMY)
                    .clock(clock).sleeper(clock).closeClientOnClose(true).build()) {
                classifier.classify(ARTICLE);
            }
        });
        assertThat(sdkLog).contains("-->").contains("goal bonus");
        // ...one from OpenAiClients does not, whatever OPENAI_LOG says.
        String pinnedLog = captureStderr(() -> {
            for (OpenAIClient client : List.of(OpenAiClients.compatible(openAi.baseUrl(), KEY),
                    OpenAiClients.builder(KEY).baseUrl(openAi.baseUrl()).build())) {
                try (PromptClassifier classifier = PromptClassifier.builder(client, ServerFixture.TAXONOMY)
                        .clock(clock).sleeper(clock).cacheSize(0).closeClientOnClose(true).build()) {
                    classifier.classify(ARTICLE);
                }
            }
        });
        assertThat(pinnedLog).doesNotContain("-->").doesNotContain("goal bonus").doesNotContain(KEY);
        assertThat(openAi.server().journal().count("/v1/chat/completions")).isEqualTo(3);
    }
}
