package dev.classifier.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatencySummaryTest {

    @Test
    void nearestRankPercentiles() {
        long[] four = {10, 20, 30, 40};
        assertThat(LatencySummary.nearestRank(four, 0.50)).isEqualTo(20);
        assertThat(LatencySummary.nearestRank(four, 0.95)).isEqualTo(40);
        long[] twenty = LongStream.rangeClosed(1, 20).toArray();
        assertThat(LatencySummary.nearestRank(twenty, 0.95)).as("rank ceil(0.95 * 20) = 19").isEqualTo(19);
        assertThat(LatencySummary.nearestRank(twenty, 0.50)).isEqualTo(10);
        assertThat(LatencySummary.nearestRank(new long[] {7}, 0.95)).isEqualTo(7);
        assertThat(LatencySummary.nearestRank(new long[0], 0.5)).isNaN();
    }

    @Test
    void summaryIsInMillisecondsAndSortsItsInput() {
        LatencySummary s = LatencySummary.of(LatencySummary.Basis.PER_ARTICLE,
                List.of(4_000_000L, 1_000_000L, 3_000_000L, 2_000_000L), 12_000_000L);
        assertThat(s.p50Millis()).isEqualTo(2.0);
        assertThat(s.p95Millis()).isEqualTo(4.0);
        assertThat(s.meanMillis()).isEqualTo(2.5);
        assertThat(s.wallMillis()).isEqualTo(12.0);
    }
}
