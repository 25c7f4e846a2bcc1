package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Moves class centres towards where unlabelled articles of each class lie (transductive refinement): the current
 * centres label the pool; of each class's pool articles the most confident (by the margin between the best two
 * cosines) are kept, the same number for every class, so a pool that is mostly one class cannot pull the others
 * towards it; each centre becomes a blend of its labelled centre and the mean of its kept articles. Two rounds.
 * The pool's labels are never kept: only the centres they moved.
 */
final class CentreRefinement {

    /** Share of each class's predicted pool articles kept; the class with fewest predictions sets the count. */
    static final double KEPT_SHARE = 0.5;
    /** Weight of the pool's mean beside the labelled centre. */
    static final double POOL_WEIGHT = 0.5;
    static final int ROUNDS = 2;
    /** Pool articles kept per class at most (bounds the work; more add little to a mean). */
    static final int MAX_KEPT_PER_CLASS = 2000;

    /** Refined centres and how many pool articles shaped them. */
    record Refined(LinearModel centres, int pseudoLabelled) {
    }

    private CentreRefinement() {
    }

    /** @param centres labelled centres (unit rows, zero bias); {@code pool} unit vectors */
    static Refined refine(LinearModel centres, float[][] pool) {
        int classes = centres.labels().size();
        LinearModel current = centres;
        int used = 0;
        for (int round = 0; round < ROUNDS && pool.length > 0; round++) {
            List<List<double[]>> byClass = new ArrayList<>();
            for (int k = 0; k < classes; k++) {
                byClass.add(new ArrayList<>());
            }
            for (int i = 0; i < pool.length; i++) {
                double[] z = current.logits(pool[i]);
                int best = EmbeddingTrainer.argmax(z);
                double second = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    if (k != best) {
                        second = Math.max(second, z[k]);
                    }
                }
                byClass.get(best).add(new double[]{z[best] - second, i});
            }
            int kept = Integer.MAX_VALUE;
            for (List<double[]> members : byClass) {
                kept = Math.min(kept, (int) Math.floor(KEPT_SHARE * members.size()));
            }
            kept = Math.min(kept, MAX_KEPT_PER_CLASS);
            if (kept < 1) {
                break; // a class the pool does not show: refining would pull it towards others
            }
            int d = pool[0].length;
            double[][] rows = new double[classes][];
            for (int k = 0; k < classes; k++) {
                List<double[]> members = byClass.get(k);
                members.sort(Comparator.comparingDouble((double[] m) -> -m[0]).thenComparingDouble(m -> m[1]));
                double[] mean = new double[d];
                for (int m = 0; m < kept; m++) {
                    float[] v = pool[(int) members.get(m)[1]];
                    for (int j = 0; j < d; j++) {
                        mean[j] += v[j];
                    }
                }
                Centroids.normalise(mean);
                double[] row = new double[d];
                for (int j = 0; j < d; j++) {
                    row[j] = (1 - POOL_WEIGHT) * centres.weights()[k][j] + POOL_WEIGHT * mean[j];
                }
                Centroids.normalise(row);
                rows[k] = row;
            }
            current = new LinearModel(centres.labels(), rows, new double[classes], 1.0);
            used = kept * classes;
        }
        return new Refined(current, used);
    }
}
