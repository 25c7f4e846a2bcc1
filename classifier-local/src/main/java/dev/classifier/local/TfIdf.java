package dev.classifier.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The vocabulary, IDF weights and TF-IDF rows of a training set. IDF is smoothed as if one extra document held
 * every feature, {@code ln((1 + n) / (1 + df)) + 1}, so no feature weighs zero; rows are weighed and normalised as
 * {@link ChunkWeighting} says, so that long and short texts weigh alike.
 */
record TfIdf(Vocabulary vocabulary, float[] idf, SparseRows rows) {

    /** One text's distinct feature hashes, in order of first occurrence, with their weights (see ChunkWeighting). */
    private record Summed(long[] keys, float[] linear, float[] squares) {
    }

    /**
     * @param runAll runs independent tasks, possibly in parallel: hashing is split into chunks of texts, and the
     *               vocabulary is then built in text order, so indexes never depend on threads
     */
    static TfIdf fit(List<String> texts, FeatureSpec spec, int minDf, Consumer<List<Callable<Void>>> runAll) {
        return fit(texts, new TextFeatures(spec), minDf, runAll);
    }

    /** {@link #fit(List, FeatureSpec, int, Consumer)} with the features read as {@code features} reads them. */
    static TfIdf fit(List<String> texts, TextFeatures features, int minDf, Consumer<List<Callable<Void>>> runAll) {
        int n = texts.size();
        Summed[] summed = new Summed[n];
        List<Callable<Void>> tasks = new ArrayList<>();
        int chunk = Math.max(64, n / 32);
        for (int from = 0; from < n; from += chunk) {
            int start = from;
            int end = Math.min(n, from + chunk);
            tasks.add(() -> {
                TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
                TermSums sums = new TermSums();
                for (int i = start; i < end; i++) {
                    ChunkWeighting.sum(features, texts.get(i), scratch, sums);
                    long[] keys = new long[sums.size()];
                    float[] linear = new float[keys.length];
                    float[] squares = new float[keys.length];
                    for (int k = 0; k < keys.length; k++) {
                        keys[k] = sums.key(k);
                        linear[k] = (float) sums.linear(k);
                        squares[k] = (float) sums.squares(k);
                    }
                    summed[i] = new Summed(keys, linear, squares);
                }
                return null;
            });
        }
        runAll.accept(tasks);

        // Indexes by first occurrence, then renumbered by falling document frequency: the features most texts
        // hold get neighbouring weight rows, which keeps them in cache when predicting.
        Vocabulary.Builder builder = new Vocabulary.Builder();
        int nonZeros = 0;
        int[][] columns = new int[n][];
        int[] df = new int[1024];
        for (int i = 0; i < n; i++) {
            long[] keys = summed[i].keys();
            int[] cols = new int[keys.length];
            for (int k = 0; k < keys.length; k++) {
                int index = builder.add(keys[k]);
                if (index >= df.length) {
                    df = Arrays.copyOf(df, df.length * 2);
                }
                df[index]++;
                cols[k] = index;
            }
            columns[i] = cols;
            nonZeros += keys.length;
        }
        int seen = builder.size();
        int[] byFrequency = byFallingFrequency(df, seen);
        // Sorted by falling frequency, the features kept (document frequency >= minDf) are a prefix.
        int width = 0;
        while (width < seen && df[byFrequency[width]] >= minDf) {
            width++;
        }
        int[] renumbered = new int[seen];
        Arrays.fill(renumbered, -1);
        long[] firstSeenKeys = builder.keys();
        long[] keys = new long[width];
        float[] idf = new float[width];
        for (int rank = 0; rank < width; rank++) {
            int old = byFrequency[rank];
            renumbered[old] = rank;
            keys[rank] = firstSeenKeys[old];
            idf[rank] = (float) (Math.log((1.0 + n) / (1.0 + df[old])) + 1.0);
        }
        nonZeros = 0;
        for (int i = 0; i < n; i++) {
            int[] cols = columns[i];
            float[] linear = summed[i].linear();
            float[] squares = summed[i].squares();
            int kept = 0;
            for (int k = 0; k < cols.length; k++) {
                if (renumbered[cols[k]] >= 0) {
                    cols[kept] = renumbered[cols[k]];
                    linear[kept] = linear[k];
                    squares[kept] = squares[k];
                    kept++;
                }
            }
            columns[i] = Arrays.copyOf(cols, kept);
            nonZeros += kept;
        }

        int[] start = new int[n + 1];
        int[] allColumns = new int[nonZeros];
        float[] values = new float[nonZeros];
        int at = 0;
        for (int i = 0; i < n; i++) {
            start[i] = at;
            int[] cols = columns[i];
            float[] linear = summed[i].linear();
            float[] squares = summed[i].squares();
            double norm = 0;
            for (int k = 0; k < cols.length; k++) {
                double idfK = idf[cols[k]];
                allColumns[at + k] = cols[k];
                values[at + k] = (float) (linear[k] * idfK);
                norm += squares[k] * idfK * idfK;
            }
            if (norm > 0) {
                float scale = (float) (1.0 / Math.sqrt(norm));
                for (int k = 0; k < cols.length; k++) {
                    values[at + k] *= scale;
                }
            }
            at += cols.length;
        }
        start[n] = at;
        return new TfIdf(Vocabulary.of(keys), idf, new SparseRows(start, allColumns, values, width));
    }

    /** Feature indexes sorted by falling document frequency, ties by first occurrence (a stable counting sort). */
    private static int[] byFallingFrequency(int[] df, int width) {
        int max = 0;
        for (int f = 0; f < width; f++) {
            max = Math.max(max, df[f]);
        }
        int[] startOf = new int[max + 2];
        for (int f = 0; f < width; f++) {
            startOf[max - df[f] + 1]++;
        }
        for (int b = 1; b < startOf.length; b++) {
            startOf[b] += startOf[b - 1];
        }
        int[] order = new int[width];
        for (int f = 0; f < width; f++) {
            order[startOf[max - df[f]]++] = f;
        }
        return order;
    }

    private static final double[] SUBLINEAR = new double[256];

    static {
        for (int tf = 1; tf < SUBLINEAR.length; tf++) {
            SUBLINEAR[tf] = 1.0 + Math.log(tf);
        }
    }

    /** The weight of a feature counted {@code count} times: {@code 1 + ln count} if sublinear (tabled), else the count. */
    static double termWeight(int count, boolean sublinear) {
        if (!sublinear) {
            return count;
        }
        return count < SUBLINEAR.length ? SUBLINEAR[count] : 1.0 + Math.log(count);
    }
}
