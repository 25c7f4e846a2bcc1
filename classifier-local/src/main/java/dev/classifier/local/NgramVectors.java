package dev.classifier.local;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Texts as TF-IDF vectors of their wording, to tell how alike two texts are worded: the embeddings module's
 * label-spreading graph weighs an article's neighbours by this beside the embeddings' cosine (on Chinese headlines,
 * the characters two titles share say what a small embedding model misses). The features are the local model's
 * ({@link FeatureSpec#defaults()}) but for the character n-grams of text without CJK characters: there only whole
 * words count, as letters shared by different words make English texts look alike by their spelling. Features are
 * weighed as the local model's are ({@link ChunkWeighting}), with the IDF of the texts fitted, and each vector is
 * scaled to unit length, so that a similarity is a cosine in [0, 1]. A new text's features that no fitted text held
 * still count in its length, at the highest IDF, so that they make it less alike rather than being ignored.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class NgramVectors {

    /** Ends the bytes of {@link #toBytes()}, so a torn or foreign buffer is told apart from a short one. */
    private static final int END_MARK = 0x4e475631; // "NGV1"

    private final TextFeatures features;
    private final Vocabulary vocabulary;
    private final float[] idf;
    private final float unseenIdf;
    private final SparseRows rows;

    private NgramVectors(TextFeatures features, Vocabulary vocabulary, float[] idf, float unseenIdf, SparseRows rows) {
        this.features = features;
        this.vocabulary = vocabulary;
        this.idf = idf;
        this.unseenIdf = unseenIdf;
        this.rows = rows;
    }

    /** A text's vector against fitted rows ({@link #vectorOf}): feature indexes ascending, with their weights. */
    public static final class Vector {
        private final int[] columns;
        private final float[] values;

        private Vector(int[] columns, float[] values) {
            this.columns = columns;
            this.values = values;
        }
    }

    /** The texts' vectors, row i for text i, with the IDF of these texts. */
    public static NgramVectors fit(List<String> texts) {
        texts.forEach(text -> Objects.requireNonNull(text, "texts holds a null"));
        TextFeatures features = new TextFeatures(FeatureSpec.defaults(), false);
        TfIdf tfIdf = TfIdf.fit(texts, features, 1, tasks -> TrainingTasks.runAll(null, tasks));
        float unseenIdf = (float) (Math.log(1.0 + texts.size()) + 1.0); // TfIdf's IDF of a feature no text held
        return new NgramVectors(features, tfIdf.vocabulary(), tfIdf.idf(), unseenIdf, unitSortedRows(tfIdf.rows()));
    }

    /** How many texts were fitted. */
    public int size() {
        return rows.rows();
    }

    /** How alike rows {@code i} and {@code j} are worded: the dot product of their unit vectors, in [0, 1]. */
    public double similarity(int i, int j) {
        return dot(rows.columns(), rows.values(), rows.start()[i], rows.start()[i + 1],
                rows.columns(), rows.values(), rows.start()[j], rows.start()[j + 1]);
    }

    /** How alike a text ({@link #vectorOf}) and row {@code j} are worded. */
    public double similarity(Vector text, int j) {
        return dot(text.columns, text.values, 0, text.columns.length,
                rows.columns(), rows.values(), rows.start()[j], rows.start()[j + 1]);
    }

    /** Rows {@code [from, to)} as a {@link Block}, to be compared with many rows at once. */
    public Block block(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        List<Vector> members = new java.util.ArrayList<>(to - from);
        for (int r = from; r < to; r++) {
            int start = rows.start()[r];
            int end = rows.start()[r + 1];
            members.add(new Vector(Arrays.copyOfRange(rows.columns(), start, end),
                    Arrays.copyOfRange(rows.values(), start, end)));
        }
        return new Block(members);
    }

    /** Texts' vectors ({@link #vectorOf}) as a {@link Block}, to be compared with many rows at once. */
    public Block block(List<Vector> texts) {
        return new Block(texts);
    }

    /**
     * A few vectors gathered to be compared with many rows: an index from each feature to the members that hold
     * it, so that a row meets the whole block in one pass over its own features (comparing pair by pair would walk
     * both vectors of every pair). Each similarity is the sum of the same products in the same order as
     * {@link #similarity(int, int)}, so it is the same number.
     */
    public final class Block {
        private final int members;
        private final int[] head;
        private final int[] next;
        private final int[] member;
        private final float[] value;

        private Block(List<Vector> vectors) {
            members = vectors.size();
            head = new int[rows.width()];
            Arrays.fill(head, -1);
            int postings = vectors.stream().mapToInt(v -> v.columns.length).sum();
            next = new int[postings];
            member = new int[postings];
            value = new float[postings];
            int p = 0;
            // Members in reverse, so that each feature's list runs in member order.
            for (int m = members - 1; m >= 0; m--) {
                Vector v = vectors.get(m);
                for (int k = 0; k < v.columns.length; k++, p++) {
                    member[p] = m;
                    value[p] = v.values[k];
                    next[p] = head[v.columns[k]];
                    head[v.columns[k]] = p;
                }
            }
        }

        public int size() {
            return members;
        }

        /** Fills {@code out[m]} with how alike member m and row {@code j} are worded. */
        public void similarities(int j, double[] out) {
            Arrays.fill(out, 0, members, 0);
            for (int k = rows.start()[j], end = rows.start()[j + 1]; k < end; k++) {
                float rowValue = rows.values()[k];
                for (int p = head[rows.columns()[k]]; p >= 0; p = next[p]) {
                    out[member[p]] += (double) value[p] * rowValue;
                }
            }
        }
    }

    /** A new text's vector, weighed as the rows are, with the fitted texts' IDF. */
    public Vector vectorOf(String text) {
        TermSums sums = new TermSums();
        ChunkWeighting.sum(features, text, TextFeatures.Scratch.get(), sums);
        int[] columns = new int[sums.size()];
        float[] values = new float[sums.size()];
        int kept = 0;
        double norm = 0;
        for (int k = 0; k < sums.size(); k++) {
            int index = vocabulary.indexOf(sums.key(k));
            double value = sums.linear(k) * (index >= 0 ? idf[index] : unseenIdf);
            norm += value * value;
            if (index >= 0) {
                columns[kept] = index;
                values[kept] = (float) value;
                kept++;
            }
        }
        return sorted(Arrays.copyOf(columns, kept), Arrays.copyOf(values, kept), norm > 0 ? 1 / Math.sqrt(norm) : 0);
    }

    /**
     * The vectors in bytes that {@link #fromBytes} reads back: which features (the spec, and whether text without CJK
     * gives character n-grams), the vocabulary and IDF, then the rows.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            features.spec().writeTo(out);
            out.writeBoolean(features.latinNgrams());
            out.writeFloat(unseenIdf);
            long[] keys = vocabulary.keysByIndex();
            out.writeInt(keys.length);
            for (int f = 0; f < keys.length; f++) {
                out.writeLong(keys[f]);
                out.writeFloat(idf[f]);
            }
            out.writeInt(size());
            for (int start : rows.start()) {
                out.writeInt(start);
            }
            for (int k = 0; k < rows.columns().length; k++) {
                out.writeInt(rows.columns()[k]);
                out.writeFloat(rows.values()[k]);
            }
            out.writeInt(END_MARK);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads what {@link #toBytes()} wrote, from the buffer's position to its end.
     *
     * @throws IllegalArgumentException saying what is wrong, if the bytes are not such vectors
     */
    public static NgramVectors fromBytes(ByteBuffer in) {
        try {
            FeatureSpec spec = FeatureSpec.readFrom(in);
            TextFeatures features = new TextFeatures(spec, in.get() != 0);
            float unseenIdf = in.getFloat();
            int width = count(in, "n-gram features", Long.BYTES + Float.BYTES);
            long[] keys = new long[width];
            float[] idf = new float[width];
            for (int f = 0; f < width; f++) {
                keys[f] = in.getLong();
                idf[f] = in.getFloat();
            }
            int texts = count(in, "texts", Integer.BYTES);
            int[] start = new int[texts + 1];
            for (int i = 0; i <= texts; i++) {
                start[i] = in.getInt();
                if (start[i] < (i == 0 ? 0 : start[i - 1])) {
                    throw new IllegalArgumentException("the n-gram vectors' row " + i
                            + " starts before the row above it");
                }
            }
            if (start[0] != 0 || (long) start[texts] * (Integer.BYTES + Float.BYTES) > in.remaining()) {
                throw new IllegalArgumentException("the n-gram vectors claim " + start[texts]
                        + " values, more than their bytes hold");
            }
            int[] columns = new int[start[texts]];
            float[] values = new float[start[texts]];
            for (int k = 0; k < columns.length; k++) {
                columns[k] = in.getInt();
                values[k] = in.getFloat();
                if (columns[k] < 0 || columns[k] >= width) {
                    throw new IllegalArgumentException("the n-gram vectors name feature " + columns[k] + " of "
                            + width);
                }
            }
            if (in.getInt() != END_MARK || in.hasRemaining()) {
                throw new IllegalArgumentException("the n-gram vectors do not end where their sizes say");
            }
            return new NgramVectors(features, Vocabulary.of(keys), idf, unseenIdf,
                    new SparseRows(start, columns, values, width));
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("the n-gram vectors end early", e);
        }
    }

    private static int count(ByteBuffer in, String what, int bytesEach) {
        int count = in.getInt();
        if (count < 0 || (long) count * bytesEach > in.remaining()) {
            throw new IllegalArgumentException("the n-gram vectors claim " + count + " " + what
                    + ", more than their bytes hold");
        }
        return count;
    }

    /**
     * The rows scaled to unit length (the local model's are close to it, not at it: see {@link ChunkWeighting}),
     * each row's features in ascending order, so that two rows meet in one merge.
     */
    private static SparseRows unitSortedRows(SparseRows rows) {
        int[] columns = rows.columns().clone();
        float[] values = rows.values().clone();
        for (int r = 0; r < rows.rows(); r++) {
            int from = rows.start()[r];
            double norm = Math.sqrt(rows.squaredNorm(r));
            Vector row = sorted(Arrays.copyOfRange(columns, from, rows.start()[r + 1]),
                    Arrays.copyOfRange(values, from, rows.start()[r + 1]), norm > 0 ? 1 / norm : 0);
            System.arraycopy(row.columns, 0, columns, from, row.columns.length);
            System.arraycopy(row.values, 0, values, from, row.values.length);
        }
        return new SparseRows(rows.start(), columns, values, rows.width());
    }

    /** The features in ascending order, their values scaled. */
    private static Vector sorted(int[] columns, float[] values, double scale) {
        Integer[] order = new Integer[columns.length];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(columns[a], columns[b]));
        int[] sortedColumns = new int[columns.length];
        float[] sortedValues = new float[columns.length];
        for (int k = 0; k < order.length; k++) {
            sortedColumns[k] = columns[order[k]];
            sortedValues[k] = (float) (values[order[k]] * scale);
        }
        return new Vector(sortedColumns, sortedValues);
    }

    /** The dot product of two sparse vectors whose features ascend. */
    private static double dot(int[] aColumns, float[] aValues, int a, int aEnd,
                              int[] bColumns, float[] bValues, int b, int bEnd) {
        double sum = 0;
        while (a < aEnd && b < bEnd) {
            int difference = aColumns[a] - bColumns[b];
            if (difference == 0) {
                sum += (double) aValues[a++] * bValues[b++];
            } else if (difference < 0) {
                a++;
            } else {
                b++;
            }
        }
        return sum;
    }
}
