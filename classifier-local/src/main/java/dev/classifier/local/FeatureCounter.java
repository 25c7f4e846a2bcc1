package dev.classifier.local;

import java.util.Arrays;

/**
 * Counts how often each feature tag occurs in one text, keeping the order of first occurrence. Tags leave their
 * low 24 bits zero (see {@link Vocabulary#tag}), so a slot of the open-addressing table holds the tag and its count
 * in one {@code long}; starting the next text clears only the slots the last one used. Doubles when half full.
 */
final class FeatureCounter {

    private static final long COUNT_MASK = Vocabulary.INDEX_MASK;

    private long[] slots = new long[1024];
    private int[] order = new int[512];
    private int mask = 1023;
    private int size;

    /** Forgets the last text; {@code expected} distinct features size the table. */
    void start(int expected) {
        for (int i = 0; i < size; i++) {
            slots[order[i]] = 0;
        }
        size = 0;
        int capacity = Integer.highestOneBit(Math.max(64, expected) * 2 - 1) << 1; // a power of two >= 2 * expected
        if (slots.length < capacity) {
            slots = new long[capacity];
            mask = capacity - 1;
        }
    }

    void add(long tag) {
        int slot = (int) (tag >>> 32) & mask;
        while (true) {
            long s = slots[slot];
            if (s == 0) {
                slots[slot] = tag | 1;
                if (size == order.length) {
                    order = Arrays.copyOf(order, size * 2);
                }
                order[size++] = slot;
                if (size * 2 > slots.length) {
                    grow();
                }
                return;
            }
            if ((s & ~COUNT_MASK) == tag) {
                if ((s & COUNT_MASK) != COUNT_MASK) { // saturates at 16 million, far beyond any text
                    slots[slot] = s + 1;
                }
                return;
            }
            slot = (slot + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    /** The i-th distinct tag, in order of first occurrence. */
    long key(int i) {
        return slots[order[i]] & ~COUNT_MASK;
    }

    int count(int i) {
        return (int) (slots[order[i]] & COUNT_MASK);
    }

    /** Doubles the table, re-adding this text's tags in their order. */
    private void grow() {
        long[] old = slots;
        int[] oldOrder = Arrays.copyOf(order, size);
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (int i = 0; i < oldOrder.length; i++) {
            long s = old[oldOrder[i]];
            int slot = (int) (s >>> 32) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = s;
            order[i] = slot;
        }
    }
}
