package dev.classifier.local;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.List;
import java.util.function.Function;

/**
 * Out-of-fold probabilities for an audit of the labels: each row is scored by models trained on the other folds,
 * through the softmax temperature fitted on those margins, as {@link LocalTrainer}'s calibration does.
 */
final class OutOfFoldProbabilities {

    private OutOfFoldProbabilities() {
    }

    /**
     * @param rows     the labelled rows, every label one of the taxonomy's
     * @param taxonomy a column per label, in its order (0 for a label no row has)
     * @param folds    how many folds
     * @param features the feature rows of the texts (they hold no label, so all rows' texts may shape them)
     * @param folder   trains and scores the folds
     */
    static double[][] of(List<LabeledArticle> rows, Taxonomy taxonomy, int folds,
                         Function<List<String>, SparseRows> features, Calibrator folder) {
        List<String> classes = taxonomy.labels().stream()
                .filter(label -> rows.stream().anyMatch(r -> r.label().equals(label))).toList();
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(rows.get(i).label());
            if (y[i] < 0) {
                throw new IllegalArgumentException("row " + i + " (article '" + rows.get(i).article().id()
                        + "') has the label '" + rows.get(i).label() + "', not one of " + taxonomy.labels());
            }
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("out-of-fold probabilities need rows of at least two labels, had "
                    + classes);
        }
        SparseRows x = features.apply(rows.stream().map(r -> r.article().text()).toList());
        double[][] margins = folder.outOfFoldMargins(x, y, classes.size(), folds);
        double beta = TemperatureScaling.fitInverseTemperature(margins, y);
        int[] column = classes.stream().mapToInt(taxonomy.labels()::indexOf).toArray();
        double[][] probabilities = new double[y.length][taxonomy.labels().size()];
        double[] p = new double[classes.size()];
        for (int i = 0; i < y.length; i++) {
            TemperatureScaling.softmax(margins[i], beta, p);
            for (int k = 0; k < p.length; k++) {
                probabilities[i][column[k]] = p[k];
            }
        }
        return probabilities;
    }
}
