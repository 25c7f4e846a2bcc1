package dev.classifier.loop;

import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance: picks items one at a time, each the best trade between its own priority and how
 * unlike it is to those already picked, so that a page is not ten copies of one story.
 */
final class DiversePicker {

    /** An item to pick from: its priority in [0,1] and its shingles. */
    record Option<T>(T value, double priority, long[] shingles) {
    }

    private final double diversity;

    /** @param diversity 0 ranks by priority alone; towards 1, unlikeness counts more */
    DiversePicker(double diversity) {
        this.diversity = diversity;
    }

    /** Up to {@code count} options, in the order picked; {@code options} must be in priority order, best first. */
    <T> List<T> pick(List<Option<T>> options, int count) {
        List<T> picked = new ArrayList<>(Math.min(count, options.size()));
        if (diversity == 0.0) {
            for (int i = 0; i < Math.min(count, options.size()); i++) {
                picked.add(options.get(i).value());
            }
            return picked;
        }
        int n = options.size();
        double[] closest = new double[n]; // highest similarity to any item picked so far
        boolean[] taken = new boolean[n];
        int last = -1;
        while (picked.size() < Math.min(count, n)) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                if (last >= 0) {
                    closest[i] = Math.max(closest[i],
                            Shingles.jaccard(options.get(i).shingles(), options.get(last).shingles()));
                }
                double score = (1 - diversity) * options.get(i).priority() - diversity * closest[i];
                if (score > bestScore) { // ties keep the earlier, higher-priority item
                    bestScore = score;
                    best = i;
                }
            }
            taken[best] = true;
            picked.add(options.get(best).value());
            last = best;
        }
        return picked;
    }
}
