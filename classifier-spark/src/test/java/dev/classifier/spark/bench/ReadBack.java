package dev.classifier.spark.bench;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What reading a backfill's scores back costs, with the scores as an array and as a struct: the mean of one label's
 * score (a struct's field is a Parquet column of its own, so the reader reads only that one) and of every label's,
 * best of two each, and the size of each output on disk.
 */
final class ReadBack {

    private ReadBack() {
    }

    static void compare(SparkSession spark, Path arrayOut, Path structOut, List<String> labels) throws IOException {
        String label = labels.get(0);
        Dataset<Row> array = spark.read().parquet(arrayOut.toString());
        Dataset<Row> struct = spark.read().parquet(structOut.toString());
        Function<Integer, Column> element = i -> functions.avg(functions.element_at(functions.col("scores"), i + 1));
        Function<Integer, Column> field = i -> functions.avg(functions.col("scores.`" + labels.get(i) + "`"));
        double arrayOne = best(() -> array.agg(element.apply(0)).first());
        double structOne = best(() -> struct.agg(field.apply(0)).first());
        Column[] arrayAll = IntStream.range(0, labels.size()).mapToObj(element::apply).toArray(Column[]::new);
        double arrayEvery = best(() -> array.agg(arrayAll[0], tail(arrayAll)).first());
        Column[] structAll = IntStream.range(0, labels.size()).mapToObj(field::apply).toArray(Column[]::new);
        double structEvery = best(() -> struct.agg(structAll[0], tail(structAll)).first());
        SparkBench.out("reading the scores back (best of two): the mean of '%s': array %.2f s, struct %.2f s; of"
                        + " every label's: array %.2f s, struct %.2f s; output on disk: array %.1f MB, struct %.1f MB",
                label, arrayOne, structOne, arrayEvery, structEvery, SparkBench.directorySize(arrayOut) / 1e6,
                SparkBench.directorySize(structOut) / 1e6);
    }

    private static Column[] tail(Column[] columns) {
        return java.util.Arrays.copyOfRange(columns, 1, columns.length);
    }

    private static double best(Runnable read) {
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            long started = System.nanoTime();
            read.run();
            best = Math.min(best, SparkBench.seconds(System.nanoTime() - started));
        }
        return best;
    }
}
