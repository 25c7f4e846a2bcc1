package dev.classifier.finetune;

import java.util.Arrays;

/** A growable list of ints, 4 bytes each: one value per example of a file of any size. Not thread-safe. */
final class IntList {

    private int[] values = new int[256];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    /** A sorted copy of the values. */
    int[] sorted() {
        int[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
