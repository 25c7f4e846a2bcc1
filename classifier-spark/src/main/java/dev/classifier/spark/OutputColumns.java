package dev.classifier.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns a {@link SparkClassifier} adds, each with an optional prefix: {@code label}, {@code confidence},
 * {@code scores} (each label's probability, in the shape {@link ScoresColumn} says; left out with
 * {@link ScoresColumn#NONE}), {@code flags}, {@code model_version}, {@code status} ({@code OK} or {@code FAILED}) and
 * {@code error} (why a row failed: the exception's type and message, never the article text). A failed row has no
 * label, confidence, scores or flags.
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
    /** The scores column: each label's probability, as a struct with a field per label, an array or a map. */
    public static final String SCORES = "scores";
    /** The flags column: an array of {@code Prediction.Flag} names, sorted; empty when there are none. */
    public static final String FLAGS = "flags";
    /** The model-version column: the same for every row of a run. */
    public static final String MODEL_VERSION = "model_version";
    /** The status column. */
    public static final String STATUS = "status";
    /** The error column. */
    public static final String ERROR = "error";
    /**
     * The key, in the metadata of an array {@code scores} column, of the labels in the array's order:
     * {@code dataset.schema().apply("scores").metadata().getStringArray("labels")}. Parquet output keeps it.
     */
    public static final String LABELS_KEY = "labels";

    private static final List<String> NAMES = List.of(LABEL, CONFIDENCE, SCORES, FLAGS, MODEL_VERSION, STATUS, ERROR);

    private OutputColumns() {
    }

    /**
     * The added columns' names with a prefix, in the order they are added ({@code scores} among them; a classifier
     * built with {@link ScoresColumn#NONE} adds all but that one).
     *
     * @param prefix put before each name; may be empty
     * @return the names
     */
    public static List<String> names(String prefix) {
        return NAMES.stream().map(name -> prefix + name).toList();
    }

    /**
     * The kept input columns followed by the added ones; fails if a kept column has one of their names already.
     *
     * @param kept   the input columns the output keeps
     * @param prefix put before each added name
     * @param scores the shape of the scores column
     * @param labels the taxonomy's labels, the order of an array scores column
     */
    static StructType append(StructType kept, String prefix, ScoresColumn scores, List<String> labels) {
        List<String> taken = Arrays.asList(kept.fieldNames());
        for (String name : names(prefix)) {
            if (taken.contains(name)) {
                throw new IllegalArgumentException("the input already has a column '" + name + "', which the"
                        + " classifier adds; drop or rename it, or set a column prefix (columnPrefix(\"predicted_\"))");
            }
        }
        StructType schema = kept;
        schema = schema.add(prefix + LABEL, DataTypes.StringType, true);
        schema = schema.add(prefix + CONFIDENCE, DataTypes.DoubleType, true);
        switch (scores) {
            case ARRAY -> schema = schema.add(prefix + SCORES, DataTypes.createArrayType(DataTypes.DoubleType, false),
                    true, labelOrder(labels));
            case STRUCT -> schema = schema.add(prefix + SCORES, scoresStruct(labels), true);
            case MAP -> schema = schema.add(prefix + SCORES,
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true);
            case NONE -> {
                // no column
            }
        }
        DataType flags = DataTypes.createArrayType(DataTypes.StringType, false);
        schema = schema.add(prefix + FLAGS, flags, true);
        schema = schema.add(prefix + MODEL_VERSION, DataTypes.StringType, false);
        schema = schema.add(prefix + STATUS, DataTypes.StringType, false);
        schema = schema.add(prefix + ERROR, DataTypes.StringType, true);
        return schema;
    }

    /**
     * A non-null double field per label, in label order.
     *
     * @throws IllegalArgumentException if two labels differ only in case (Spark resolves field names ignoring case)
     */
    static StructType scoresStruct(List<String> labels) {
        Map<String, String> byLowerCase = new HashMap<>();
        StructType struct = new StructType();
        for (String label : labels) {
            String clash = byLowerCase.putIfAbsent(label.toLowerCase(Locale.ROOT), label);
            if (clash != null) {
                throw new IllegalArgumentException("the labels '" + clash + "' and '" + label + "' differ only in"
                        + " case: Spark resolves struct fields ignoring case, so scores(ScoresColumn.STRUCT) cannot"
                        + " have a field for each; use ScoresColumn.ARRAY or ScoresColumn.MAP");
            }
            struct = struct.add(label, DataTypes.DoubleType, false);
        }
        return struct;
    }

    private static Metadata labelOrder(List<String> labels) {
        return new MetadataBuilder().putStringArray(LABELS_KEY, labels.toArray(String[]::new)).build();
    }
}
