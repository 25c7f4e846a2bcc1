package dev.classifier.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.List;

/**
 * The columns a {@link SparkClassifier} adds, each with an optional prefix: {@code label}, {@code confidence},
 * {@code scores} (label to probability), {@code flags}, {@code model_version}, {@code status} ({@code OK} or
 * {@code FAILED}) and {@code error} (why a row failed: the exception's type and message, never the article text).
 * A failed row has no label, confidence, scores or flags.
 */
public final class OutputColumns {

    /** {@code status} of a row with a prediction. */
    public static final String OK = "OK";
    /** {@code status} of a row without one; {@code error} says why. */
    public static final String FAILED = "FAILED";

    /** The label column. */
    public static final String LABEL = "label";
    /** The confidence column (a double in [0, 1], or NaN when the classifier has none). */
    public static final String CONFIDENCE = "confidence";
    /** The scores column: a map from each label to its probability. */
    public static final String SCORES = "scores";
    /** The flags column: an array of {@code Prediction.Flag} names. */
    public static final String FLAGS = "flags";
    /** The model-version column: the same for every row of a run. */
    public static final String MODEL_VERSION = "model_version";
    /** The status column. */
    public static final String STATUS = "status";
    /** The error column. */
    public static final String ERROR = "error";

    private static final List<String> NAMES = List.of(LABEL, CONFIDENCE, SCORES, FLAGS, MODEL_VERSION, STATUS, ERROR);

    private OutputColumns() {
    }

    /**
     * The added columns' names with a prefix, in the order they are added.
     *
     * @param prefix put before each name; may be empty
     * @return the names
     */
    public static List<String> names(String prefix) {
        return NAMES.stream().map(name -> prefix + name).toList();
    }

    /** The input schema followed by the added columns; fails if the input has one of their names already. */
    static StructType append(StructType input, String prefix) {
        List<String> taken = Arrays.asList(input.fieldNames());
        for (String name : names(prefix)) {
            if (taken.contains(name)) {
                throw new IllegalArgumentException("the input already has a column '" + name + "', which the"
                        + " classifier adds; drop or rename it, or set a column prefix (columnPrefix(\"predicted_\"))");
            }
        }
        StructType schema = input;
        schema = schema.add(prefix + LABEL, DataTypes.StringType, true);
        schema = schema.add(prefix + CONFIDENCE, DataTypes.DoubleType, true);
        schema = schema.add(prefix + SCORES, DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
                true);
        schema = schema.add(prefix + FLAGS, DataTypes.createArrayType(DataTypes.StringType, false), true);
        schema = schema.add(prefix + MODEL_VERSION, DataTypes.StringType, false);
        schema = schema.add(prefix + STATUS, DataTypes.StringType, false);
        schema = schema.add(prefix + ERROR, DataTypes.StringType, true);
        return schema;
    }
}
