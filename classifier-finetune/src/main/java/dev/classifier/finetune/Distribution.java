package dev.classifier.finetune;

/**
 * How a quantity spreads over a file's examples, as the cookbook prints it: min and max, mean and median, and the
 * 10th and 90th percentiles (which the cookbook labels "p5 / p95"). Percentiles interpolate linearly between the
 * nearest ranks, as numpy's {@code quantile} does.
 */
public record Distribution(long count, long min, long max, double mean, double median, double p10, double p90) {

    public static final Distribution EMPTY = new Distribution(0, 0, 0, 0, 0, 0, 0);

    public Distribution {
        if (count < 0 || (count > 0 && min > max)) {
            throw new IllegalArgumentException("not a distribution: count " + count + ", min " + min + ", max " + max);
        }
    }

    static Distribution of(IntList values) {
        int[] sorted = values.sorted();
        if (sorted.length == 0) {
            return EMPTY;
        }
        long sum = 0;
        for (int value : sorted) {
            sum += value;
        }
        return new Distribution(sorted.length, sorted[0], sorted[sorted.length - 1], (double) sum / sorted.length,
                quantile(sorted, 0.5), quantile(sorted, 0.1), quantile(sorted, 0.9));
    }

    /** numpy's default ("linear") quantile of sorted values. */
    static double quantile(int[] sorted, double q) {
        double rank = q * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    @Override
    public String toString() {
        return count == 0 ? "none" : String.format(java.util.Locale.ROOT,
                "min %d, max %d, mean %.1f, median %.1f, p10 %.1f, p90 %.1f", min, max, mean, median, p10, p90);
    }
}
