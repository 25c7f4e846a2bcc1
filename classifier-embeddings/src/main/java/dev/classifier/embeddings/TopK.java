package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The k best (score, slot) pairs seen, in a min-heap over primitive arrays; ties go to the lower slot. */
final class TopK {

    record Entry(int slot, float score) {
    }

    private final int capacity;
    private final float[] scores;
    private final int[] slots;
    private int size;

    TopK(int capacity) {
        this.capacity = capacity;
        this.scores = new float[capacity];
        this.slots = new int[capacity];
    }

    void offer(int slot, float score) {
        if (capacity == 0) {
            return;
        }
        if (size < capacity) {
            scores[size] = score;
            slots[size] = slot;
            siftUp(size++);
        } else if (worse(scores[0], slots[0], score, slot)) {
            scores[0] = score;
            slots[0] = slot;
            siftDown(0);
        }
    }

    void mergeFrom(TopK other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.slots[i], other.scores[i]);
        }
    }

    int size() {
        return size;
    }

    List<Entry> sorted() {
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            entries.add(new Entry(slots[i], scores[i]));
        }
        entries.sort(Comparator.comparing(Entry::score).reversed().thenComparing(Entry::slot));
        return entries;
    }

    /** Whether (scoreA, slotA) ranks below (scoreB, slotB). */
    private static boolean worse(float scoreA, int slotA, float scoreB, int slotB) {
        return scoreA < scoreB || (scoreA == scoreB && slotA > slotB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!worse(scores[i], slots[i], scores[parent], slots[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && worse(scores[left], slots[left], scores[worst], slots[worst])) {
                worst = left;
            }
            if (right < size && worse(scores[right], slots[right], scores[worst], slots[worst])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        float score = scores[a];
        scores[a] = scores[b];
        scores[b] = score;
        int slot = slots[a];
        slots[a] = slots[b];
        slots[b] = slot;
    }
}
