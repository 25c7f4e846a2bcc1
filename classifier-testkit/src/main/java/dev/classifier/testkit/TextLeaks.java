package dev.classifier.testkit;

import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that {@link ContractArticles#MARKER}, and so the text of a marked article, appears nowhere it must not. */
final class TextLeaks {

    private TextLeaks() {
    }

    /** Nowhere in the throwable's messages: its own, its causes' and its suppressed exceptions'. */
    static void assertNone(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("an exception's message or one of its causes'")
                .doesNotContain(ContractArticles.MARKER);
    }

    /** Nowhere in the prediction: label, scores, reason, model. */
    static void assertNone(Prediction prediction, String articleId) {
        assertThat(prediction.toString()).as("prediction for article %s", articleId)
                .doesNotContain(ContractArticles.MARKER);
    }

    static void assertNone(Outcome outcome) {
        if (outcome instanceof Outcome.Failure failure) {
            assertNone(failure.error());
        } else if (outcome instanceof Outcome.Success success) {
            assertNone(success.prediction(), "in classifyAll");
        }
    }
}
