package dev.classifier.prompt.bench;

import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.OpenAiTestServer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluation's corpus keeps every request's shape, and its live run works end to end (on the test server). */
class PromptInjectionEvalTest {

    @Test
    void theCorpusKeepsItsShapeAndTheLiveRunReports() {
        List<PromptInjectionEval.Case> cases = PromptInjectionEval.readCorpus();
        assertThat(cases).hasSize(16);
        PromptFormat format = PromptFormat.of(dev.classifier.api.Taxonomy.of("sports", "politics", "tech", "business"));
        assertThat(cases).allMatch(c -> PromptInjectionEval.keepsItsShape(format.render(c.attacked(), List.of()),
                format));

        // Limits the classifier adopts from the headers, so the run is not spaced at tier-1 rates.
        try (OpenAiTestServer server = OpenAiTestServer.builder().rateLimits(100_000, 100_000_000L)
                .responder(LabelResponder.builder()
                .rule("striker", "sports").rule("budget", "politics").build()).build().start()) {
            String report = PromptInjectionEval.live(OpenAiClients.compatible(server.baseUrl(), server.apiKey()),
                    "gpt-4o-mini", cases);

            assertThat(report).contains("model gpt-4o-mini").containsPattern("clean\\s+0\\.125")
                    .containsPattern("attacked\\s+0\\.125").doesNotContain("Ignore all previous");
            assertThat(server.journal().count("/v1/chat/completions")).isEqualTo(32);
        }
    }
}
