package dev.classifier.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maximal marginal relevance: picks items one at a time, each the best trade between its own priority and how
 * unlike it is to those already picked, so that a page is not ten copies of one story. Balanced, it also spreads the
 * page over the options' groups (their predicted labels): each next item comes from a group picked least so far.
 */
final class DiversePicker {

    /** An item to pick from: its priority in [0,1], its shingles and its group (the label it is balanced on). */
    record Option<T>(T value, double priority, long[] shingles, String group) {
    }

    private final double diversity;
    private final boolean balanced;

    /**
     * @param diversity 0 ranks by priority alone; towards 1, unlikeness counts more
     * @param balanced  whether each next item comes from a group that has been picked least so far
     */
    DiversePicker(double diversity, boolean balanced) {
        this.diversity = diversity;
        this.balanced = balanced;
    }

    /** Up to {@code count} options, in the order picked; {@code options} must be in priority order, best first. */
    <T> List<T> pick(List<Option<T>> options, int count) {
        int n = options.size();
        List<T> picked = new ArrayList<>(Math.min(count, n));
        double[] closest = new double[n]; // highest similarity to any item picked so far
        boolean[] taken = new boolean[n];
        Map<String, Integer> pickedPerGroup = new HashMap<>();
        int last = -1;
        while (picked.size() < Math.min(count, n)) {
            int fewest = balanced ? fewestPicked(options, taken, pickedPerGroup) : 0;
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                if (last >= 0 && diversity > 0) {
                    closest[i] = Math.max(closest[i],
                            Shingles.jaccard(options.get(i).shingles(), options.get(last).shingles()));
                }
                if (balanced && pickedPerGroup.getOrDefault(options.get(i).group(), 0) > fewest) {
                    continue;
                }
                double score = (1 - diversity) * options.get(i).priority() - diversity * closest[i];
                if (score > bestScore) { // ties keep the earlier, higher-priority item
                    bestScore = score;
                    best = i;
                }
            }
            taken[best] = true;
            picked.add(options.get(best).value());
            pickedPerGroup.merge(options.get(best).group(), 1, Integer::sum);
            last = best;
        }
        return picked;
    }

    /** The fewest picks of any group that still has options left. */
    private static <T> int fewestPicked(List<Option<T>> options, boolean[] taken, Map<String, Integer> perGroup) {
        int fewest = Integer.MAX_VALUE;
        for (int i = 0; i < options.size(); i++) {
            if (!taken[i]) {
                fewest = Math.min(fewest, perGroup.getOrDefault(options.get(i).group(), 0));
            }
        }
        return fewest;
    }
}
