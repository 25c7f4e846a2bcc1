package dev.classifier.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chunk vectors (see {@link ChunkWeighting}) of the words a model met in its training texts, fixed when the
 * model is made: keys in one array, vectors side by side in another, so a word costs two loads that do not wait on
 * each other. Faster to read than {@link ChunkCache}, which follows object references, and immutable, so safe to
 * share. Words met later go to the cache.
 */
final class MetWords {

    /** At most this many words: with four classes about 3.7 MB of tables, with twenty about 12 MB. */
    static final int MAX_WORDS = 1 << 16;

    static final MetWords NONE = new MetWords(new long[1], new float[0], 1);

    private final long[] keys;
    private final float[] vectors;
    private final int stride;
    private final int mask;

    private MetWords(long[] keys, float[] vectors, int stride) {
        this.keys = keys;
        this.vectors = vectors;
        this.stride = stride;
        this.mask = keys.length - 1;
    }

    /** The offset of the key's vector in {@link #vectors()}, or -1 if the word was not met. */
    int find(long key) {
        int slot = (int) key & mask;
        while (true) {
            long k = keys[slot];
            if (k == key) {
                return slot * stride;
            }
            if (k == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    float[] vectors() {
        return vectors;
    }

    int size() {
        int n = 0;
        for (long key : keys) {
            n += key != 0 ? 1 : 0;
        }
        return n;
    }

    /** Collects words in the order they are met, up to {@link #MAX_WORDS}. */
    static final class Builder {
        private final int stride;
        private final Map<Long, float[]> met = new LinkedHashMap<>();

        Builder(int stride) {
            this.stride = stride;
        }

        boolean has(long key) {
            return met.containsKey(key);
        }

        boolean full() {
            return met.size() >= MAX_WORDS;
        }

        void add(long key, float[] vector) {
            if (!full()) {
                met.putIfAbsent(key, vector);
            }
        }

        MetWords build() {
            if (met.isEmpty()) {
                return NONE;
            }
            int capacity = Integer.highestOneBit(met.size() * 2 - 1) << 1; // at most half full
            long[] keys = new long[capacity];
            float[] vectors = new float[capacity * stride];
            int mask = capacity - 1;
            for (Map.Entry<Long, float[]> e : met.entrySet()) {
                long key = e.getKey();
                int slot = (int) key & mask;
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                System.arraycopy(e.getValue(), 0, vectors, slot * stride, stride);
            }
            return new MetWords(keys, vectors, stride);
        }
    }
}
