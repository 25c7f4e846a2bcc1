package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The rows label spreading runs over: the examples' unit vectors, then as many of the pool's as fit under a limit,
 * end to end; and each row's nearest rows, found once when first asked (the held-out folds and the final model
 * share them).
 */
final class SpreadingRows {

    /**
     * At most this many rows: finding the nearest rows costs the square of their number, and the classifier keeps
     * every row's vector. 10,000 is the largest graph the benchmarks measured (THUCNews' training split, 12 s on two
     * cores); a larger pool is sampled, and as many examples leave no room for a pool at all.
     */
    static final int MAX_ROWS = 10_000;

    private final float[][] examples;
    private final float[][] pool;
    private float[] flat;
    private LabelSpreading.Candidates candidates;

    private SpreadingRows(float[][] examples, float[][] pool) {
        this.examples = examples;
        this.pool = pool;
    }

    /**
     * The examples, then the pool, or a seeded sample of it (in its order) where it would pass {@code maxRows}.
     *
     * @param examples the examples' unit vectors (row i is example i)
     * @param pool     the pool's unit vectors
     */
    static SpreadingRows of(float[][] examples, float[][] pool, int maxRows, long seed) {
        int room = Math.max(0, maxRows - examples.length);
        if (pool.length <= room) {
            return new SpreadingRows(examples, pool);
        }
        List<Integer> order = new ArrayList<>(pool.length);
        for (int i = 0; i < pool.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        float[][] sample = order.subList(0, room).stream().sorted().map(i -> pool[i]).toArray(float[][]::new);
        return new SpreadingRows(examples, sample);
    }

    /** The pool articles among the rows: with none, there is nothing to spread over. */
    int poolRows() {
        return pool.length;
    }

    int dimension() {
        return examples.length > 0 ? examples[0].length : pool[0].length;
    }

    /** The rows' vectors end to end ({@code rows × dimension}). */
    synchronized float[] flat() {
        if (flat == null) {
            float[][] rows = new float[examples.length + pool.length][];
            System.arraycopy(examples, 0, rows, 0, examples.length);
            System.arraycopy(pool, 0, rows, examples.length, pool.length);
            flat = LabelSpreading.flatten(rows, dimension());
        }
        return flat;
    }

    synchronized LabelSpreading.Candidates candidates() {
        if (candidates == null) {
            candidates = LabelSpreading.candidates(flat(), dimension());
        }
        return candidates;
    }
}
