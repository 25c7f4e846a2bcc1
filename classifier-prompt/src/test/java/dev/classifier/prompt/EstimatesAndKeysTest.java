package dev.classifier.prompt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimatesAndKeysTest {

    @Test
    void anEstimateIsConsistent() {
        CostEstimate estimate = new CostEstimate(2_000, 1_500, 900_000, 60_000, 0.171);
        assertThat(estimate.costPerThousandArticles()).isCloseTo(0.0855, within(1e-12));
        assertThat(new CostEstimate(0, 0, 0, 0, 0).costPerThousandArticles()).isZero();
        assertThatThrownBy(() -> new CostEstimate(1, 2, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void predictionKeysFoldWhitespaceAndWidthButNotWords() {
        assertThat(PredictionKeys.normalise("  Ａｐｐｌｅ\u3000发布\n\n新品 ")).isEqualTo("Apple 发布 新品");
        PredictionKeys keys = new PredictionKeys(PromptFormat.of(ServerFixture.TAXONOMY), "gpt-4o-mini",
                ResponseMode.JSON_SCHEMA, 0.0, FeedbackWindow.none());
        var a = dev.classifier.api.Article.of("1", "Title", "Body  text");
        var b = dev.classifier.api.Article.of("2", "Title ", "Body text");
        var c = dev.classifier.api.Article.of("3", "Title Body", "text");
        assertThat(keys.key(a, 0)).isEqualTo(keys.key(b, 0)).isNotEqualTo(keys.key(c, 0)).isNotEqualTo(keys.key(a, 1));
        PredictionKeys otherModel = new PredictionKeys(PromptFormat.of(ServerFixture.TAXONOMY), "gpt-4o",
                ResponseMode.JSON_SCHEMA, 0.0, FeedbackWindow.none());
        assertThat(otherModel.key(a, 0)).isNotEqualTo(keys.key(a, 0));
    }
}
