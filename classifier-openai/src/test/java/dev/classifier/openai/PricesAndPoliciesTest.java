package dev.classifier.openai;

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
        assertThatThrownBy(() -> PriceTable.gpt4oMini().cost(10, 11, 0)).hasMessageContaining("cached + cache writes <= prompt");
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
    void cacheWritesHaveTheirOwnPriceAndReasoningIsOutputCountedOnce() {
        // gpt-6-luna: $0.10 input, $0.01 cached, $0.125 cache writes, $0.50 output per 1M tokens.
        PriceTable luna = PriceTable.perMillion(0.10, 0.01, 0.125, 0.50);
        // 2,000 prompt tokens: 1,024 read from the cache, 512 written to it, 464 plain; 300 completion tokens of
        // which 280 were reasoning (already inside the 300).
        Usage usage = luna.usage(2_000, 1_024, 512, 300, 280);

        double expected = (464 * 0.10 + 1_024 * 0.01 + 512 * 0.125 + 300 * 0.50) / 1e6;
        assertThat(usage.costUsd()).isCloseTo(expected, within(1e-15));
        assertThat(usage).isEqualTo(new Usage(2_000, 1_024, 512, 300, 280, usage.costUsd(), true));
        assertThat(luna.batch().cost(2_000, 1_024, 512, 300)).isCloseTo(expected / 2, within(1e-15));
        assertThat(luna.batch().batchFactor()).isEqualTo(1.0);
        assertThatThrownBy(() -> luna.cost(100, 60, 50, 0)).hasMessageContaining("cached + cache writes <= prompt");
        assertThatThrownBy(() -> luna.withBatchFactor(0)).hasMessageContaining("batch factor");
    }
}
