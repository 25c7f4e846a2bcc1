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
        return select(scores, classes, maxPerClass, 0);
    }

    /**
     * {@link #select(List, int, int)}, but each class keeps at least {@code floor} (or the surer half of its own
     * predictions, if fewer): then classes may keep different counts; {@code perClass} is the smallest.
     */
    static Selection select(List<double[]> scores, int classes, int maxPerClass, int floor) {
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
        int[] counts = new int[classes];
        int total = 0;
        int smallest = Integer.MAX_VALUE;
        for (int k = 0; k < classes; k++) {
            int own = (int) Math.floor(KEPT_SHARE * byClass.get(k).size());
            counts[k] = kept > 0 ? Math.min(maxPerClass, Math.max(kept, Math.min(floor, own))) : 0;
            total += counts[k];
            smallest = Math.min(smallest, counts[k]);
        }
        int[] rows = new int[total];
        int[] labels = new int[total];
        int at = 0;
        for (int k = 0; k < classes; k++) {
            List<double[]> members = byClass.get(k);
            members.sort(Comparator.comparingDouble((double[] m) -> -m[0]).thenComparingDouble(m -> m[1]));
            for (int m = 0; m < counts[k]; m++) {
                rows[at] = (int) members.get(m)[1];
                labels[at++] = k;
            }
        }
        return new Selection(classes == 0 ? 0 : smallest, rows, labels);
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
        double[][] means = new double[classes][d];
        for (int i = 0; i < selection.rows().length; i++) {
            float[] v = pool[selection.rows()[i]];
            double[] mean = means[selection.classes()[i]];
            for (int j = 0; j < d; j++) {
                mean[j] += v[j];
            }
        }
        double[][] rows = new double[classes][];
        for (int k = 0; k < classes; k++) {
            double[] mean = means[k];
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
