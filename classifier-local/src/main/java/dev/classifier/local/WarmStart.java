package dev.classifier.local;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link LocalTrainer#retrain} reuses of a model it trained: the solvers' dual variables by article id and
 * class (a warm start: a few passes instead of tens), and the calibration (the temperature, kept while the rows
 * stay within {@link #RECALIBRATE_AFTER} of those it was fitted on, so that one new row never moves it). Held in
 * memory beside the model, never saved: a loaded model retrains from scratch.
 */
final class WarmStart {

    /** The temperature is fitted again once the rows grow or shrink by this factor since it was fitted. */
    static final double RECALIBRATE_AFTER = 1.25;

    private final String settings;
    private final List<String> taxonomyLabels;
    private final List<String> classes;
    private final Map<String, Integer> rowOf;
    private final int[] labelOf;
    /** alpha[class][row], by this model's classes and rows. */
    private final float[][] alpha;
    private final Calibrator.Calibration calibration;

    private WarmStart(String settings, List<String> taxonomyLabels, List<String> classes, Map<String, Integer> rowOf,
                      int[] labelOf, float[][] alpha, Calibrator.Calibration calibration) {
        this.settings = settings;
        this.taxonomyLabels = taxonomyLabels;
        this.classes = classes;
        this.rowOf = rowOf;
        this.labelOf = labelOf;
        this.alpha = alpha;
        this.calibration = calibration;
    }

    /** Keeps a finished training's solution: {@code alpha[class][row]} for {@code rows} labelled {@code y}. */
    static WarmStart of(String settings, Taxonomy taxonomy, List<String> classes, List<LabeledArticle> rows, int[] y,
                        double[][] alpha, Calibrator.Calibration calibration) {
        Map<String, Integer> rowOf = new HashMap<>(rows.size() * 2);
        for (int i = 0; i < rows.size(); i++) {
            rowOf.put(rows.get(i).article().id(), i);
        }
        float[][] kept = new float[alpha.length][];
        for (int k = 0; k < alpha.length; k++) {
            kept[k] = new float[alpha[k].length];
            for (int i = 0; i < alpha[k].length; i++) {
                kept[k][i] = (float) alpha[k][i];
            }
        }
        return new WarmStart(settings, taxonomy.labels(), List.copyOf(classes), rowOf, y.clone(), kept, calibration);
    }

    /** Whether a trainer with these settings, training for this taxonomy, can start from here. */
    boolean fits(String trainerSettings, Taxonomy taxonomy) {
        return settings.equals(trainerSettings) && taxonomyLabels.equals(taxonomy.labels());
    }

    /** The calibration to keep for this many rows, or null when it should be fitted again. */
    Calibrator.Calibration calibrationFor(int rows) {
        double ratio = (double) rows / Math.max(1, calibration.rows());
        return ratio <= RECALIBRATE_AFTER && ratio >= 1 / RECALIBRATE_AFTER ? calibration : null;
    }

    /**
     * The starting dual variables for new rows: a row of the same article and label as before starts where it
     * ended; a new row, a relabelled one, or a new class starts at 0.
     *
     * @return alpha[class][row] by the new classes and rows, and how many rows started warm in {@code reused[0]}
     */
    double[][] startingDual(List<LabeledArticle> rows, int[] y, List<String> newClasses, int[] reused) {
        double[][] start = new double[newClasses.size()][rows.size()];
        int[] oldClassOf = new int[newClasses.size()];
        for (int k = 0; k < newClasses.size(); k++) {
            oldClassOf[k] = classes.indexOf(newClasses.get(k));
        }
        int warm = 0;
        for (int i = 0; i < rows.size(); i++) {
            Integer old = rowOf.get(rows.get(i).article().id());
            if (old == null || oldClassOf[y[i]] != labelOf[old]) {
                continue;
            }
            warm++;
            for (int k = 0; k < newClasses.size(); k++) {
                if (oldClassOf[k] >= 0) {
                    start[k][i] = alpha[oldClassOf[k]][old];
                }
            }
        }
        reused[0] = warm;
        return start;
    }
}
