package dev.classifier.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Time per article: median, 95th percentile (nearest rank: the smallest value with at least p of all values
 * at or below it), mean, and the wall time of the whole run. Percentiles need each article's own time: when only
 * chunks were timed ({@link Basis#BATCH_SHARE}) they are NaN (unknown), and the mean is the time per article known.
 */
public record LatencySummary(Basis basis, double p50Millis, double p95Millis, double meanMillis, double wallMillis) {

    /** How each article's time was had. */
    public enum Basis {
        /** Each article went alone to {@code classifyAll} (batch size 1): its own time. */
        PER_ARTICLE,
        /**
         * The time of the {@code classifyAll} call on the article's chunk, divided by the chunk's size: a share,
         * not the article's own time, so there are no percentiles.
         */
        BATCH_SHARE,
        /** A cascade sweep's estimate: the first classifier's time, plus the fallback's where it was asked. */
        CASCADE_SUM
    }

    public LatencySummary {
        Objects.requireNonNull(basis, "basis");
    }

    public static LatencySummary of(Basis basis, List<Long> latencyNanos, long wallNanos) {
        long[] sorted = latencyNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElse(Double.NaN);
        if (basis == Basis.BATCH_SHARE) {
            return new LatencySummary(basis, Double.NaN, Double.NaN, mean / 1e6, wallNanos / 1e6);
        }
        return new LatencySummary(basis, millis(nearestRank(sorted, 0.50)), millis(nearestRank(sorted, 0.95)),
                mean / 1e6, wallNanos / 1e6);
    }

    /** Whether each article's own time was measured, so that the percentiles are known. */
    public boolean percentilesKnown() {
        return basis != Basis.BATCH_SHARE;
    }

    /** The nearest-rank percentile of sorted values: the value at rank ceil(p * n), or NaN for no values. */
    static double nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(double nanos) {
        return nanos / 1e6;
    }
}
