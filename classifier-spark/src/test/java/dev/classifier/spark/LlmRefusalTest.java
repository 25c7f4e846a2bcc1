package dev.classifier.spark;

import dev.classifier.api.Classifiers;
import dev.classifier.openai.OpenAiClients;
import dev.classifier.prompt.PromptClassifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmRefusalTest {

    /** A port nothing listens on: the refusal comes before any call. */
    private static final String NOWHERE = "http://127.0.0.1:9/v1";

    @Test
    void refusesAPromptClassifierAndSaysToUseTheBatchApiFromTheDriver() {
        ModelSource prompt = ModelSources.factory(() -> PromptClassifier.builder(
                OpenAiClients.compatible(NOWHERE, "test-key"), Fixtures.taxonomy()).closeClientOnClose(true).build());
        SparkClassifier classifier = SparkClassifier.builder(prompt).build();

        assertThatThrownBy(() -> classifier.classify(TestSpark.articles(Fixtures.articles(), 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not run a PromptClassifier (classifier-prompt) on executors")
                .hasMessageContaining("BatchClassifier")
                .hasMessageContaining("from the driver");
    }

    @Test
    void refusesAPromptClassifierInsideACascade() {
        ModelSource cascade = ModelSources.factory(() -> Classifiers.cascade(Fixtures.model(), 0.8,
                PromptClassifier.builder(OpenAiClients.compatible(NOWHERE, "test-key"), Fixtures.taxonomy())
                        .closeClientOnClose(true).build()));

        assertThatThrownBy(() -> SparkClassifier.builder(cascade).build().modelVersion())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PromptClassifier").hasMessageContaining("BatchClassifier");
    }
}
