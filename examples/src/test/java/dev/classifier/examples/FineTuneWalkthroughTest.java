package dev.classifier.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The walkthrough runs end to end against the test server when no key is set (live runs need a system property). */
class FineTuneWalkthroughTest {

    @Test
    void runsTheWholePathAgainstTheTestServerAndSaysWhatJanuarySixthMeans() throws Exception {
        assertThat(Boolean.getBoolean("walkthrough.live")).as("a live run is never a test").isFalse();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            FineTuneWalkthrough.main(new String[0]);
        } finally {
            System.setOut(out);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);

        assertThat(printed).contains("running against the local test server",
                "1. Feedback: 228 pieces",
                "Fine-tuning " + FineTuneWalkthrough.BASE_MODEL + " is not worth it yet.",
                "2027-01-06 is the day OpenAI stops taking new fine-tuning jobs from anyone",
                "Azure OpenAI", "open-weight model",
                "(training file, " + FineTuneWalkthrough.BASE_MODEL + ")",
                "5. Uploaded file-",
                "status: succeeded",
                "Tuned model: ft:" + FineTuneWalkthrough.BASE_MODEL + ":");
        // The tuned model classifies the Chinese article, priced at fine-tuned gpt-4.1-nano's rates.
        assertThat(printed).containsPattern("7\\. \"央行宣布下调存款准备金率\" -> Business \\(confidence [01]\\.\\d\\d"
                + ".*by ft:gpt-4\\.1-nano.*, \\$0\\.\\d{6}");
    }
}
