package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the float and int8 indexes share: ids to dense slots, locking, and a scan split over threads. A subclass
 * stores the vectors of slots and scores a range of them.
 */
abstract class ScanningIndex implements VectorIndex {

    /** Below this many vectors a second thread costs more than it saves. */
    static final int MIN_SLOTS_PER_THREAD = 4096;

    private final int dimension;
    private final int threads;
    private final Map<String, Integer> slotsById = new HashMap<>();
    private final List<String> idsBySlot = new ArrayList<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    ScanningIndex(int dimension, int threads) {
        this.dimension = dimension;
        this.threads = threads;
    }

    /** Stores a normalised vector in a slot (a new slot is the current size). */
    abstract void store(int slot, float[] unitVector);

    /** Moves the vector of slot {@code from} to slot {@code to} (to fill a removed one). */
    abstract void move(int from, int to);

    /** Drops storage past {@code size} slots. */
    abstract void shrinkTo(int size);

    /** A prepared query for {@link #scan}. */
    abstract Object prepare(float[] unitQuery);

    /** Offers the scores of slots [from, to) to {@code top}. */
    abstract void scan(Object query, int from, int to, TopK top);

    @Override
    public final void add(String id, float[] vector) {
        Objects.requireNonNull(id, "id");
        float[] unit = unit(vector);
        lock.writeLock().lock();
        try {
            Integer slot = slotsById.get(id);
            if (slot == null) {
                slot = idsBySlot.size();
                idsBySlot.add(id);
                slotsById.put(id, slot);
            }
            store(slot, unit);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final boolean remove(String id) {
        lock.writeLock().lock();
        try {
            Integer slot = slotsById.remove(id);
            if (slot == null) {
                return false;
            }
            int last = idsBySlot.size() - 1;
            if (slot != last) {
                move(last, slot);
                String moved = idsBySlot.get(last);
                idsBySlot.set(slot, moved);
                slotsById.put(moved, slot);
            }
            idsBySlot.remove(last);
            shrinkTo(last);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public final List<Hit> search(float[] query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        Object prepared = prepare(unit(query));
        lock.readLock().lock();
        try {
            int size = idsBySlot.size();
            int parts = Math.max(1, Math.min(threads, size / MIN_SLOTS_PER_THREAD));
            TopK top = new TopK(Math.min(k, size));
            if (parts == 1) {
                scan(prepared, 0, size, top);
            } else {
                List<CompletableFuture<TopK>> others = new ArrayList<>();
                for (int p = 1; p < parts; p++) {
                    int from = (int) ((long) size * p / parts);
                    int to = (int) ((long) size * (p + 1) / parts);
                    others.add(CompletableFuture.supplyAsync(() -> {
                        TopK part = new TopK(Math.min(k, size));
                        scan(prepared, from, to, part);
                        return part;
                    }, ForkJoinPool.commonPool()));
                }
                scan(prepared, 0, size / parts, top);
                for (CompletableFuture<TopK> other : others) {
                    top.mergeFrom(other.join());
                }
            }
            List<Hit> hits = new ArrayList<>(top.size());
            for (TopK.Entry entry : top.sorted()) {
                hits.add(new Hit(idsBySlot.get(entry.slot()), entry.score()));
            }
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final int size() {
        lock.readLock().lock();
        try {
            return idsBySlot.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    private float[] unit(float[] vector) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has " + vector.length + " dimensions, the index "
                    + dimension);
        }
        float[] copy = vector.clone();
        OnnxTextEmbedder.normalise(copy);
        return copy;
    }

    /** Grows an array to hold at least {@code needed} elements, doubling. */
    static int grownLength(int current, long needed) {
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("vector index is full (" + needed + " values)");
        }
        return (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 8, Math.max(1024L, current * 2L)));
    }
}
