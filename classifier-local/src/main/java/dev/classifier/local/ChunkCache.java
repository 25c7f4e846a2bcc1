package dev.classifier.local;

/**
 * One model's remembered chunk vectors (see {@link ChunkWeighting}): for a recurring chunk, its share of each class
 * margin and its part of the squared norm. News in English reuses a few tens of thousands of words, so most chunks
 * of a text are found here and their n-grams are never hashed again.
 *
 * <p>An open-addressing table of immutable entries, without locks: a reader sees either no entry or a whole one
 * (final fields are safely published even through a data race), and a lost race only computes a vector twice. A
 * key is looked for in a short window of slots; when the window is full, a new chunk takes the place of the one in
 * its first slot, so the table never grows and follows a changing vocabulary.
 */
final class ChunkCache {

    /** Slots: with four classes about 7 MB when full. */
    static final int CAPACITY = 1 << 17;
    private static final int WINDOW = 8;

    private record Entry(long key, float[] vector) {
    }

    private final Entry[] slots = new Entry[CAPACITY];

    /** The vector remembered for the chunk key, or null. */
    float[] get(long key) {
        int home = (int) key & (CAPACITY - 1);
        for (int i = 0; i < WINDOW; i++) {
            Entry e = slots[(home + i) & (CAPACITY - 1)];
            if (e == null) {
                return null;
            }
            if (e.key == key) {
                return e.vector;
            }
        }
        return null;
    }

    /** Remembers the vector, which must not change afterwards. */
    void put(long key, float[] vector) {
        int home = (int) key & (CAPACITY - 1);
        for (int i = 0; i < WINDOW; i++) {
            int slot = (home + i) & (CAPACITY - 1);
            Entry e = slots[slot];
            if (e == null || e.key == key) {
                slots[slot] = new Entry(key, vector);
                return;
            }
        }
        slots[home] = new Entry(key, vector);
    }
}
