package dev.classifier.spark;

import dev.classifier.api.Prediction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.jdk.javaapi.CollectionConverters;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the columns a {@link SparkClassifier} adds, in {@link OutputColumns}' order, written at the end of a
 * fresh output row's values. What a task needs per row is made once per task ({@link Writer}): the label positions
 * of an array or struct scores column, the flag names of each set of flags.
 */
final class AddedValues implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Prediction.Flag[] FLAGS = Prediction.Flag.values();

    private final int keptColumns;
    private final String version;
    private final ScoresColumn scores;
    private final String[] labels;

    /**
     * @param keptColumns how many input values come before the added ones
     * @param version     the model version every row carries
     * @param scores      the shape of the scores column
     * @param labels      the taxonomy's labels: the order of an array scores column
     */
    AddedValues(int keptColumns, String version, ScoresColumn scores, List<String> labels) {
        this.keptColumns = keptColumns;
        this.version = version;
        this.scores = scores;
        this.labels = labels.toArray(String[]::new);
    }

    /** A writer for one task. */
    Writer writer() {
        return new Writer();
    }

    /** Makes the values of one task's rows; not shared between threads. */
    final class Writer {

        private final Map<String, Integer> labelIndex = new HashMap<>();
        private final String[][] flagNames = new String[1 << FLAGS.length][];
        private final int width = keptColumns + (scores == ScoresColumn.NONE ? 6 : 7);

        private Writer() {
            for (int i = 0; i < labels.length; i++) {
                labelIndex.put(labels[i], i);
            }
        }

        /** A row's values with the added ones of a prediction filled in, the kept ones left for the caller. */
        Object[] prediction(Prediction p) {
            Object[] values = new Object[width];
            int at = keptColumns;
            values[at++] = p.label();
            values[at++] = p.confidence();
            switch (scores) {
                case STRUCT -> values[at++] = scoreStruct(p.scores());
                case ARRAY -> values[at++] = scoreArray(p.scores());
                case MAP -> values[at++] = CollectionConverters.asScala(p.scores());
                case NONE -> {
                    // no column
                }
            }
            values[at++] = flags(p);
            values[at++] = version;
            values[at] = OutputColumns.OK;
            return values;
        }

        /** A failed row's values: no label, confidence, scores or flags; the status and why. */
        Object[] failure(String error) {
            Object[] values = new Object[width];
            values[width - 3] = version;
            values[width - 2] = OutputColumns.FAILED;
            values[width - 1] = error;
            return values;
        }

        /** A struct row of each label's score in label order, NaN for a label without one; null when none. */
        private Row scoreStruct(Map<String, Double> byLabel) {
            double[] scores = scoreArray(byLabel);
            if (scores == null) {
                return null;
            }
            Object[] fields = new Object[scores.length];   // boxed: a struct row holds objects
            for (int i = 0; i < scores.length; i++) {
                fields[i] = scores[i];
            }
            return RowFactory.create(fields);
        }

        /** Each label's score in label order, NaN for a label without one; null when there are none. */
        private double[] scoreArray(Map<String, Double> byLabel) {
            if (byLabel.isEmpty()) {
                return null;
            }
            double[] array = new double[labels.length];
            Arrays.fill(array, Double.NaN);
            int position = 0;
            for (Map.Entry<String, Double> score : byLabel.entrySet()) {
                int i = labelPosition(score.getKey(), position);
                if (i >= 0) {
                    array[i] = score.getValue();
                }
                position = i + 1;
            }
            return array;
        }

        /** A label's position: LabelScores iterates in label order, so no lookup while the keys line up. */
        private int labelPosition(String label, int expected) {
            return expected < labels.length && labels[expected].equals(label) ? expected
                    : labelIndex.getOrDefault(label, -1);
        }

        /** The sorted flag names, one shared array per set of flags. */
        private String[] flags(Prediction p) {
            int mask = 0;
            for (Prediction.Flag flag : p.flags()) {
                mask |= 1 << flag.ordinal();
            }
            String[] names = flagNames[mask];
            if (names == null) {
                List<String> set = new ArrayList<>();
                for (Prediction.Flag flag : FLAGS) {
                    if ((mask & (1 << flag.ordinal())) != 0) {
                        set.add(flag.name());
                    }
                }
                names = set.stream().sorted().toArray(String[]::new);
                flagNames[mask] = names;
            }
            return names;
        }
    }
}
