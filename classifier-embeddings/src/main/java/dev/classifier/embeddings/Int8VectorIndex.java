package dev.classifier.embeddings;

import java.util.Arrays;

/**
 * Cosine search over vectors quantised to 8-bit integers, one scale per vector ({@code max |x| / 127}). The
 * integer dot product is exact; the scores differ from float ones by the rounding of
 * each component (well under 1% for 384- and 512-dimensional sentence vectors).
 */
final class Int8VectorIndex extends ScanningIndex {

    private byte[] data = new byte[0];
    private float[] scales = new float[0];

    Int8VectorIndex(int dimension, int threads) {
        super(dimension, threads);
    }

    /** A query in the same integer form as the stored vectors. */
    private record Quantised(byte[] values, float scale) {
    }

    @Override
    void store(int slot, float[] unitVector) {
        int d = dimension();
        long needed = (long) (slot + 1) * d;
        if (needed > data.length) {
            data = Arrays.copyOf(data, grownLength(data.length, needed));
        }
        if (slot >= scales.length) {
            scales = Arrays.copyOf(scales, grownLength(scales.length, slot + 1L));
        }
        Quantised q = quantise(unitVector);
        System.arraycopy(q.values(), 0, data, slot * d, d);
        scales[slot] = q.scale();
    }

    @Override
    void move(int from, int to) {
        System.arraycopy(data, from * dimension(), data, to * dimension(), dimension());
        scales[to] = scales[from];
    }

    @Override
    void shrinkTo(int size) {
        // Capacity is kept for the next add.
    }

    @Override
    Object prepare(float[] unitQuery) {
        return quantise(unitQuery);
    }

    @Override
    void scan(Object prepared, int from, int to, TopK top) {
        Quantised query = (Quantised) prepared;
        byte[] q = query.values();
        int d = dimension();
        for (int slot = from; slot < to; slot++) {
            top.offer(slot, dot(q, data, slot * d, d) * query.scale() * scales[slot]);
        }
    }

    /** Four partial sums, so the CPU overlaps the multiply-adds; integer sums are exact in any order. */
    static int dot(byte[] query, byte[] data, int offset, int d) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        int i = 0;
        for (; i + 3 < d; i += 4) {
            s0 += query[i] * data[offset + i];
            s1 += query[i + 1] * data[offset + i + 1];
            s2 += query[i + 2] * data[offset + i + 2];
            s3 += query[i + 3] * data[offset + i + 3];
        }
        for (; i < d; i++) {
            s0 += query[i] * data[offset + i];
        }
        return s0 + s1 + s2 + s3;
    }

    @Override
    public long vectorBytes() {
        return (long) size() * (dimension() + Float.BYTES);
    }

    private static Quantised quantise(float[] vector) {
        float max = 0;
        for (float v : vector) {
            max = Math.max(max, Math.abs(v));
        }
        byte[] values = new byte[vector.length];
        if (max == 0) {
            return new Quantised(values, 0);
        }
        float scale = max / 127f;
        for (int i = 0; i < vector.length; i++) {
            values[i] = (byte) Math.round(vector[i] / scale);
        }
        return new Quantised(values, scale);
    }
}
