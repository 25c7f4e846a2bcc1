package dev.classifier.spark.bench;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.List;

/**
 * Distinct rows made from the shared test sets, no text invented: row {@code p} of a set of {@code n} texts joins
 * the first half (by words, or by characters for Chinese) of text {@code i = p mod n} with the second half of text
 * {@code j = (i + 1 + p / n) mod n}; each (i, j) pair occurs once for {@code p < n (n - 1)}, so no two rows are the
 * same pair. As many English (AG News test, 1,600 texts) as Chinese (THUCNews test, 10,000 headlines) are made, 0.1%
 * more than asked; rows whose text another row has already are dropped (the sets repeat a few texts), and the
 * first {@code rows} of the rest kept: about half of each language.
 */
final class BenchRows {

    static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.StringType, false)
            .add("body", DataTypes.StringType, false);

    private BenchRows() {
    }

    static Dataset<Row> make(SparkSession spark, long rows, List<String> english, List<String> chinese, int partitions) {
        // A few pairs give the same text (the test sets repeat some texts): make 0.1% more, keep distinct texts.
        long perLanguage = rows / 2 + rows / 2000 + 10;
        if (perLanguage > (long) english.size() * (english.size() - 1)) {
            throw new IllegalArgumentException(rows + " rows need more English texts than " + english.size());
        }
        Broadcast<String[][]> texts = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .broadcast(new String[][] {english.toArray(String[]::new), chinese.toArray(String[]::new)});
        MapFunction<Long, Row> row = p -> {
            boolean zh = p >= perLanguage;
            long q = zh ? p - perLanguage : p;
            String[] set = texts.value()[zh ? 1 : 0];
            int n = set.length;
            int i = (int) (q % n);
            int j = (int) ((i + 1 + q / n) % n);
            String text = zh ? firstHalfChars(set[i]) + "，" + secondHalfChars(set[j])
                    : firstHalfWords(set[i]) + " " + secondHalfWords(set[j]);
            return RowFactory.create((zh ? "zh-" : "en-") + i + "-" + j, text);
        };
        return spark.range(0, perLanguage * 2, 1, partitions).as(Encoders.LONG()).map(row, Encoders.row(SCHEMA))
                .dropDuplicates("body").limit((int) rows).repartition(partitions);
    }

    private static String firstHalfWords(String text) {
        String[] words = text.split(" ");
        return String.join(" ", java.util.Arrays.copyOfRange(words, 0, Math.max(1, words.length / 2)));
    }

    private static String secondHalfWords(String text) {
        String[] words = text.split(" ");
        return String.join(" ", java.util.Arrays.copyOfRange(words, words.length / 2, words.length));
    }

    private static String firstHalfChars(String text) {
        return text.substring(0, Math.max(1, text.length() / 2));
    }

    private static String secondHalfChars(String text) {
        return text.substring(text.length() / 2);
    }
}
