package dev.classifier.local;

import java.util.Arrays;

/**
 * Feature hash to dense index, for the features seen in training. Feature hashes are 40-bit tags kept in the
 * upper bits of a long (see {@link #tag}); a table slot holds the tag and, in the low 24 bits, the index plus one,
 * so a lookup reads one {@code long}: the tables stay small and a probe costs one cache line.
 */
final class Vocabulary {

    static final int INDEX_BITS = 24;
    static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    /** At most this many features: the index plus one must fit the low bits of a slot. */
    static final int MAX_FEATURES = (int) INDEX_MASK - 1;

    /**
     * The first features (the most frequent: indexes follow falling document frequency) get a table of their own,
     * small enough to stay in a core's cache; most lookups of a text end there. The rest live in a second table.
     */
    static final int HOT_FEATURES = 1 << 14;

    private final long[] keysByIndex;
    private final long[] hot;
    private final int hotMask;
    private final long[] cold;
    private final int coldMask;

    private Vocabulary(long[] keysByIndex) {
        this.keysByIndex = keysByIndex;
        int hotCount = Math.min(HOT_FEATURES, keysByIndex.length);
        this.hot = new long[capacityFor(hotCount)];
        this.hotMask = hot.length - 1;
        this.cold = new long[capacityFor(keysByIndex.length - hotCount)];
        this.coldMask = cold.length - 1;
        for (int i = 0; i < keysByIndex.length; i++) {
            insert(i < hotCount ? hot : cold, keysByIndex[i], i);
        }
    }

    /** A power of two at least twice the count: tables stay at most half full. */
    private static int capacityFor(int count) {
        return Integer.highestOneBit(Math.max(4, count) * 2 - 1) << 1;
    }

    private static void insert(long[] table, long key, int index) {
        int mask = table.length - 1;
        int slot = slotOf(key, mask);
        while (table[slot] != 0) {
            if ((table[slot] & ~INDEX_MASK) == key) {
                throw new IllegalArgumentException("feature hash " + Long.toHexString(key) + " appears twice");
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = key | (index + 1);
    }

    /** The tag of a 64-bit hash: its upper 40 bits, never all zero. */
    static long tag(long hash) {
        long tag = hash & ~INDEX_MASK;
        return tag == 0 ? 1L << INDEX_BITS : tag;
    }

    /** A vocabulary of these tags; the i-th gets index i. */
    static Vocabulary of(long[] keysByIndex) {
        if (keysByIndex.length > MAX_FEATURES) {
            throw new IllegalArgumentException("at most " + MAX_FEATURES + " features, not " + keysByIndex.length);
        }
        for (long key : keysByIndex) {
            if (key == 0 || (key & INDEX_MASK) != 0) {
                throw new IllegalArgumentException("not a feature tag: " + Long.toHexString(key));
            }
        }
        return new Vocabulary(keysByIndex.clone());
    }

    /** The index of the tag, or -1 if training never saw it. */
    int indexOf(long key) {
        int found = find(hot, hotMask, key);
        return found >= 0 ? found : find(cold, coldMask, key);
    }

    private static int find(long[] table, int mask, long key) {
        int slot = slotOf(key, mask);
        while (true) {
            long s = table[slot];
            if ((s & ~INDEX_MASK) == key) {
                return (int) (s & INDEX_MASK) - 1;
            }
            if (s == 0) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return keysByIndex.length;
    }

    long[] keysByIndex() {
        return keysByIndex.clone();
    }

    private static int slotOf(long key, int mask) {
        return (int) (key >>> 32) & mask;
    }

    /** Gives each new tag the next index, in the order they are first added. */
    static final class Builder {
        private long[] slots = new long[1 << 12];
        private long[] byIndex = new long[1 << 11];
        private int size;

        /** The index of the tag, adding it if new. */
        int add(long key) {
            int mask = slots.length - 1;
            int slot = slotOf(key, mask);
            while (slots[slot] != 0) {
                if ((slots[slot] & ~INDEX_MASK) == key) {
                    return (int) (slots[slot] & INDEX_MASK) - 1;
                }
                slot = (slot + 1) & mask;
            }
            if (size == MAX_FEATURES) {
                throw new IllegalStateException("the training texts have more than " + MAX_FEATURES
                        + " distinct features; use a narrower FeatureSpec");
            }
            slots[slot] = key | (size + 1);
            if (size == byIndex.length) {
                byIndex = Arrays.copyOf(byIndex, size * 2);
            }
            byIndex[size] = key;
            size++;
            if (size * 2 > slots.length) {
                grow();
            }
            return size - 1;
        }

        int size() {
            return size;
        }

        /** The tags in index order. */
        long[] keys() {
            return Arrays.copyOf(byIndex, size);
        }

        private void grow() {
            long[] old = slots;
            slots = new long[old.length * 2];
            int mask = slots.length - 1;
            for (long s : old) {
                if (s != 0) {
                    int slot = slotOf(s & ~INDEX_MASK, mask);
                    while (slots[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    slots[slot] = s;
                }
            }
        }
    }
}
