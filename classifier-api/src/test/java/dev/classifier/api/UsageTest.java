package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageTest {

    @Test
    void theFourArgumentFormHasNoReasoningNoCacheWritesAndAKnownCost() {
        Usage usage = new Usage(100, 20, 5, 0.001);

        assertThat(usage.reasoningTokens()).isZero();
        assertThat(usage.cacheWriteTokens()).isZero();
        assertThat(usage.costKnown()).isTrue();
        assertThat(usage.cost()).isEqualTo(OptionalDouble.of(0.001));
    }

    @Test
    void plusSumsReasoningAndCacheWritesWithoutCountingThemTwice() {
        Usage a = new Usage(1_000, 200, 300, 50, 40, 0.01, true);
        Usage b = new Usage(500, 0, 100, 20, 0, 0.02, true);

        Usage sum = a.plus(b);

        assertThat(sum).isEqualTo(new Usage(1_500, 200, 400, 70, 40, 0.03, true));
        // Reasoning is part of the completion and cache writes part of the prompt: the total adds neither again.
        assertThat(sum.totalTokens()).isEqualTo(1_570);
    }

    @Test
    void anUnknownCostStaysUnknownInEverySumAndKeepsTheKnownPart() {
        Usage unpriced = Usage.unpriced(100, 0, 0, 10, 4);
        Usage priced = new Usage(100, 0, 10, 0.5);

        Usage sum = priced.plus(unpriced).plus(Usage.NONE);

        assertThat(unpriced.cost()).isEmpty();
        assertThat(sum.costKnown()).isFalse();
        assertThat(sum.cost()).isEmpty();
        assertThat(sum.costUsd()).isEqualTo(0.5); // a lower bound, never NaN
        assertThat(sum.reasoningTokens()).isEqualTo(4);
    }

    @Test
    void detailsMayNotExceedTheirTotals() {
        assertThatThrownBy(() -> new Usage(100, 60, 50, 10, 0, 0, true)).hasMessageContaining("exceed prompt");
        assertThatThrownBy(() -> new Usage(100, 0, 0, 10, 11, 0, true)).hasMessageContaining("reasoning tokens");
        assertThatThrownBy(() -> new Usage(100, 0, -1, 10, 0, 0, true)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Usage.unpriced(1, 0, 0, 1, 0).plus(new Usage(1, 0, 1, Double.POSITIVE_INFINITY)))
                .hasMessageContaining("cost");
    }
}
