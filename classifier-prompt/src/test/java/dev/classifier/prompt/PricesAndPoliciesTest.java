package dev.classifier.prompt;

import dev.classifier.api.Usage;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PricesAndPoliciesTest {

    @Test
    void gpt4oMiniListPricesAreTheDefault() {
        PriceTable prices = PriceTable.gpt4oMini();
        assertThat(prices).isEqualTo(PriceTable.perMillion(0.15, 0.075, 0.60));
        // 1M uncached + 1M cached + 1M out = 0.15 + 0.075 + 0.60
        assertThat(prices.cost(2_000_000, 1_000_000, 1_000_000)).isCloseTo(0.825, within(1e-12));
        Usage usage = prices.usage(1_500, 1_024, 40);
        assertThat(usage).isEqualTo(new Usage(1_500, 1_024, 40, (476 * 0.15 + 1_024 * 0.075 + 40 * 0.60) / 1e6));
        assertThat(PriceTable.fineTunedGpt4oMini().cost(1_000_000, 0, 1_000_000)).isCloseTo(1.50, within(1e-12));
        assertThat(PriceTable.free().cost(10, 5, 10)).isZero();
    }

    @Test
    void badPricesAndCountsAreRefused() {
        assertThatThrownBy(() -> PriceTable.perMillion(-1, 0, 0)).hasMessageContaining("input price");
        assertThatThrownBy(() -> PriceTable.perMillion(0, Double.NaN, 0)).hasMessageContaining("cached input price");
        assertThatThrownBy(() -> PriceTable.gpt4oMini().cost(10, 11, 0)).hasMessageContaining("cached <= prompt");
    }

    @Test
    void backoffDoublesUpToItsCapAndJitterOnlyShortensIt() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertThat(policy.maxAttempts()).isEqualTo(5);
        assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(4, 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(30, 0.0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoff(2, 1.0)).isEqualTo(Duration.ofMillis(750));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThatThrownBy(() -> policy.withJitter(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("shorter");
        assertThatThrownBy(() -> policy.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }

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
