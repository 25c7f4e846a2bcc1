package dev.classifier.finetune;

/**
 * A map from long to long in two primitive arrays (open addressing, linear probing): 16 bytes a slot instead of the
 * ~80 a {@code HashMap<Long, Long>} entry costs, so that one pass over a large file can remember every example's
 * fingerprint. Not thread-safe.
 */
final class LongLongMap {

    private static final long EMPTY = 0L;
    /** Key 0 marks an empty slot, so a real key of 0 is kept apart. */
    private boolean hasZeroKey;
    private long zeroValue;
    private long[] keys;
    private long[] values;
    private int size;

    LongLongMap() {
        keys = new long[64];
        values = new long[64];
    }

    /** The value stored for {@code key}, or {@code absent}. */
    long get(long key, long absent) {
        if (key == EMPTY) {
            return hasZeroKey ? zeroValue : absent;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                return absent;
            }
        }
    }

    /** Stores the value unless the key is there already; returns the value now stored. */
    long putIfAbsent(long key, long value) {
        if (key == EMPTY) {
            if (!hasZeroKey) {
                hasZeroKey = true;
                zeroValue = value;
                size++;
            }
            return zeroValue;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return value;
            }
        }
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldValues.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long key = oldKeys[j];
            if (key != EMPTY) {
                int i = slot(key, mask);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = key;
                values[i] = oldValues[j];
            }
        }
    }
}
