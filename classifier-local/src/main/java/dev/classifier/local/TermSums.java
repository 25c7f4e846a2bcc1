package dev.classifier.local;

import java.util.Arrays;

/**
 * Sums two weights per feature tag over the chunks of one text (see {@link ChunkWeighting}): the feature's linear
 * weight and its part of the squared norm. Keeps the order of first occurrence; an open-addressing table that
 * doubles when half full, reused text after text.
 */
final class TermSums {

    private long[] keys = new long[1024];
    private int[] positionOf = new int[1024];
    private long[] byPosition = new long[512];
    private int[] slotAt = new int[512];
    private double[] linear = new double[512];
    private double[] squares = new double[512];
    private int size;

    /** Forgets the last text, clearing only the slots it used. */
    void clear() {
        for (int i = 0; i < size; i++) {
            keys[slotAt[i]] = 0;
        }
        size = 0;
    }

    void add(long tag, double linearWeight, double squareWeight) {
        int mask = keys.length - 1;
        int slot = (int) (tag >>> 32) & mask;
        while (keys[slot] != 0) {
            if (keys[slot] == tag) {
                int at = positionOf[slot];
                linear[at] += linearWeight;
                squares[at] += squareWeight;
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == byPosition.length) {
            byPosition = Arrays.copyOf(byPosition, size * 2);
            slotAt = Arrays.copyOf(slotAt, size * 2);
            linear = Arrays.copyOf(linear, size * 2);
            squares = Arrays.copyOf(squares, size * 2);
        }
        keys[slot] = tag;
        positionOf[slot] = size;
        byPosition[size] = tag;
        slotAt[size] = slot;
        linear[size] = linearWeight;
        squares[size] = squareWeight;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    int size() {
        return size;
    }

    long key(int i) {
        return byPosition[i];
    }

    double linear(int i) {
        return linear[i];
    }

    double squares(int i) {
        return squares[i];
    }

    private void grow() {
        keys = new long[keys.length * 2];
        positionOf = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = (int) (byPosition[i] >>> 32) & mask;
            while (keys[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = byPosition[i];
            positionOf[slot] = i;
            slotAt[i] = slot;
        }
    }
}
