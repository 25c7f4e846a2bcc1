package dev.classifier.embeddings;

import java.util.Arrays;

/** Exact cosine search over unit float vectors stored end to end in one array. */
final class FloatVectorIndex extends ScanningIndex {

    private float[] data = new float[0];

    FloatVectorIndex(int dimension, int threads) {
        super(dimension, threads);
    }

    @Override
    void store(int slot, float[] unitVector) {
        int d = dimension();
        long needed = (long) (slot + 1) * d;
        if (needed > data.length) {
            data = Arrays.copyOf(data, grownLength(data.length, needed));
        }
        System.arraycopy(unitVector, 0, data, slot * d, d);
    }

    @Override
    void move(int from, int to) {
        System.arraycopy(data, from * dimension(), data, to * dimension(), dimension());
    }

    @Override
    void shrinkTo(int size) {
        // Capacity is kept for the next add; nothing to clear.
    }

    @Override
    Object prepare(float[] unitQuery) {
        return unitQuery;
    }

    @Override
    void scan(Object prepared, int from, int to, TopK top) {
        float[] query = (float[]) prepared;
        int d = dimension();
        for (int slot = from; slot < to; slot++) {
            top.offer(slot, dot(query, data, slot * d, d));
        }
    }

    @Override
    public long vectorBytes() {
        return (long) size() * dimension() * Float.BYTES;
    }

    /** Four partial sums, so the CPU overlaps the multiply-adds (Java keeps one sum strictly in order). */
    static float dot(float[] query, float[] data, int offset, int d) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
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
        return (s0 + s1) + (s2 + s3);
    }
}
