package dev.classifier.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The walkthrough, run offline as a user would (no key, no {@code -Dwalkthrough.live=true}): it says plainly what it
 * does and how to go live, walks the whole path against the test server, says what 2027-01-06 means, and leaves no
 * folder behind.
 */
class FineTuneWalkthroughTest {

    @TempDir
    Path workDir;

    @TempDir
    Path tmpDir;

    @Test
    void anOfflineRunWalksThePathSaysWhatJanuarySixthMeansAndCleansUp() throws Exception {
        ChildJvm.Run run = ChildJvm.run(FineTuneWalkthrough.class, workDir, "-Djava.io.tmpdir=" + tmpDir);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        String firstLine = run.stdout().lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("Running offline against the local OpenAI-compatible test server")
                .contains("set OPENAI_API_KEY and add -Dwalkthrough.live=true")
                .doesNotContain("No OPENAI_API_KEY with");
        assertThat(run.stdout()).contains("1. Feedback: 228 pieces",
                "Fine-tuning " + FineTuneWalkthrough.BASE_MODEL + " is not worth it yet.",
                "2027-01-06 is the day OpenAI stops taking new fine-tuning jobs from anyone",
                "Azure OpenAI", "open-weight model",
                "(training file, " + FineTuneWalkthrough.BASE_MODEL + ")",
                "5. Uploaded file-",
                "status: succeeded",
                "Tuned model: ft:" + FineTuneWalkthrough.BASE_MODEL + ":");
        // The tuned model classifies the Chinese article, priced at fine-tuned gpt-4.1-nano's rates.
        assertThat(run.stdout()).containsPattern("7\\. \"央行宣布下调存款准备金率\" -> Business \\(confidence [01]\\.\\d\\d"
                + ".*by ft:gpt-4\\.1-nano.*, \\$0\\.\\d{6}");
        try (var left = Files.list(tmpDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("finetune-walkthrough"));
        }
        try (var files = Files.list(workDir)) {
            assertThat(files).as("an offline run writes nothing where it runs").isEmpty();
        }
    }
}
