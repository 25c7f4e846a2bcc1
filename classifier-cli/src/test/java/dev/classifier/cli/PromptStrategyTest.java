package dev.classifier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.testkit.SampleNews;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PromptStrategyTest {

    private static final String KEY = "sk-cli-test-0123456789-secret";

    @TempDir
    Path dir;
    OpenAiTestServer server;
    Path taxonomy;
    Path feedback;

    @BeforeEach
    void start() {
        server = OpenAiTestServer.builder().apiKey(KEY).build().start();
        taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static final String ARTICLES = "{\"id\":\"a\",\"title\":\"Striker scores twice in the cup final\"}\n"
            + "{\"id\":\"b\",\"title\":\"央行宣布降息\",\"body\":\"利率下调\"}\n";

    @Test
    void promptClassifiesThroughTheEndpointAndNeverPrintsTheKey() throws Exception {
        Path store = dir.resolve("store.jsonl");
        CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(), feedback.toString());
        CliRun run = CliRun.run(ARTICLES, Map.of("OPENAI_API_KEY", KEY), false, "classify", "--strategy", "prompt",
                "--taxonomy", taxonomy.toString(), "--store", store.toString(), "--base-url", server.baseUrl());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(new ObjectMapper().readTree(run.out().lines().findFirst().orElseThrow()).path("model").asText())
                .isNotBlank();
        assertThat(run.out() + run.err()).doesNotContain(KEY);
    }

    @Test
    void aRefusedKeyFailsTheArticlesWithExitCode4AndDoesNotPrintTheKey() {
        String wrongKey = "sk-wrong-key-9876543210-secret";
        CliRun run = CliRun.run(ARTICLES, Map.of("OPENAI_API_KEY", wrongKey), false, "classify", "--strategy", "prompt",
                "--taxonomy", taxonomy.toString(), "--base-url", server.baseUrl());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.CLASSIFICATION_FAILED);
        assertThat(run.out()).contains("\"error\"");
        assertThat(run.out() + run.err()).doesNotContain(wrongKey);
    }

    @Test
    void promptWithoutAKeyIsAUsageErrorNamingTheVariable() {
        CliRun run = CliRun.run(ARTICLES, Map.of(), false, "classify", "--strategy", "prompt",
                "--taxonomy", taxonomy.toString(), "--base-url", server.baseUrl());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("OPENAI_API_KEY");
    }

    @Test
    void cascadeAnswersFromTheLocalModelOrThePrompt() throws Exception {
        Path model = dir.resolve("m.bin");
        assertThat(CliRun.run("train", "--data", feedback.toString(), "--taxonomy", taxonomy.toString(),
                "-o", model.toString()).exitCode()).isZero();
        CliRun run = CliRun.run(ARTICLES, Map.of("OPENAI_API_KEY", KEY), false, "classify", "--strategy", "cascade",
                "-m", model.toString(), "--threshold", "0.99", "--base-url", server.baseUrl());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList()).hasSize(2);
        assertThat(run.out()).doesNotContain("\"error\"");
    }
}
