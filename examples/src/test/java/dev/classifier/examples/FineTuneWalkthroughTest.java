package dev.classifier.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 17: the walkthrough, run offline as a user would, says plainly what it does and how to go live, and leaves
 * no folder behind in the temporary directory.
 */
class FineTuneWalkthroughTest {

    @TempDir
    Path workDir;

    @TempDir
    Path tmpDir;

    @Test
    void anOfflineRunSaysWhatItDoesAndCleansUpItsFolder() throws Exception {
        ChildJvm.Run run = ChildJvm.run(FineTuneWalkthrough.class, workDir, "-Djava.io.tmpdir=" + tmpDir);

        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        String firstLine = run.stdout().lines().findFirst().orElseThrow();
        assertThat(firstLine).startsWith("Running offline against the local OpenAI-compatible test server")
                .contains("set OPENAI_API_KEY and add -Dwalkthrough.live=true")
                .doesNotContain("No OPENAI_API_KEY with");
        assertThat(run.stdout()).as("the walk reached its end").contains("7. \"央行宣布下调存款准备金率\" -> Business");
        try (var left = Files.list(tmpDir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("finetune-walkthrough"));
        }
        try (var files = Files.list(workDir)) {
            assertThat(files).as("an offline run writes nothing where it runs").isEmpty();
        }
    }
}
