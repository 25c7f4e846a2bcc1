package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Uses unlabelled articles: a model labels the pool; of each class's pool articles the most confident (by the
 * margin between the best two scores) are kept, the same number for every class, so that a pool that is mostly
 * one class cannot pull the others towards it. Those articles move the class centres (transductive refinement:
 * each centre becomes a blend of its labelled centre and the mean of its kept articles, two rounds), and may
 * teach the companion. What the pool's articles were taken for never leaves the trainer: only the models they
 * shaped.
 */
final class CentreRefinement {

    /** Share of each class's predicted pool articles kept; the class with fewest predictions sets the count. */
    static final double KEPT_SHARE = 0.5;
    /** Weight of the pool's mean beside the labelled centre. */
    static final double POOL_WEIGHT = 0.5;
    static final int ROUNDS = 2;
    /** Pool articles kept per class at most (bounds the work; more add little to a mean). */
    static final int MAX_KEPT_PER_CLASS = 2000;

    /** Kept pool articles (indices), class by class and most confident first, and the class each was taken for. */
    record Selection(int perClass, int[] rows, int[] classes) {
    }

    /** Refined centres and how many pool articles shaped them. */
    record Refined(LinearModel centres, int pseudoLabelled) {
    }

    private CentreRefinement() {
    }

    /** The pool articles a model is most sure of, as many for each class (none if a class gets none). */
    static Selection select(LinearModel model, float[][] pool) {
        List<double[]> logits = new ArrayList<>(pool.length);
        for (float[] vector : pool) {
            logits.add(model.logits(vector));
        }
        return select(logits, model.labels().size(), MAX_KEPT_PER_CLASS);
    }

    /**
     * The pool articles whose scores are surest (by the margin between the best two), as many for each class:
     * {@link #KEPT_SHARE} of the class with fewest predictions, at most {@code maxPerClass}.
     */
    static Selection select(List<double[]> scores, int classes, int maxPerClass) {
        List<List<double[]>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < scores.size(); i++) {
            double[] z = scores.get(i);
            int best = EmbeddingTrainer.argmax(z);
            double second = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                if (k != best) {
                    second = Math.max(second, z[k]);
                }
            }
            byClass.get(best).add(new double[]{z[best] - second, i});
        }
        int kept = maxPerClass;
        for (List<double[]> members : byClass) {
            kept = Math.min(kept, (int) Math.floor(KEPT_SHARE * members.size()));
        }
        int[] rows = new int[kept * classes];
        int[] labels = new int[kept * classes];
        for (int k = 0; k < classes; k++) {
            List<double[]> members = byClass.get(k);
            members.sort(Comparator.comparingDouble((double[] m) -> -m[0]).thenComparingDouble(m -> m[1]));
            for (int m = 0; m < kept; m++) {
                rows[k * kept + m] = (int) members.get(m)[1];
                labels[k * kept + m] = k;
            }
        }
        return new Selection(kept, rows, labels);
    }

    /** @param centres labelled centres (unit rows, zero bias); {@code pool} unit vectors */
    static Refined refine(LinearModel centres, float[][] pool) {
        LinearModel current = centres;
        int used = 0;
        for (int round = 0; round < ROUNDS && pool.length > 0; round++) {
            Selection selection = select(current, pool);
            if (selection.perClass() < 1) {
                break; // a class the pool does not show: refining would pull it towards others
            }
            current = towards(centres, pool, selection);
            used = selection.rows().length;
        }
        return new Refined(current, used);
    }

    /**
     * Each labelled centre blended with the mean of the pool articles selected for its class
     * ({@link #POOL_WEIGHT}); the centres as they are where the selection keeps none.
     */
    static LinearModel towards(LinearModel centres, float[][] pool, Selection selection) {
        if (selection.perClass() < 1) {
            return centres;
        }
        int classes = centres.labels().size();
        int d = pool[0].length;
        double[][] rows = new double[classes][];
        for (int k = 0; k < classes; k++) {
            double[] mean = new double[d];
            for (int m = 0; m < selection.perClass(); m++) {
                float[] v = pool[selection.rows()[k * selection.perClass() + m]];
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
        return new LinearModel(centres.labels(), rows, new double[classes], 1.0);
    }
}
