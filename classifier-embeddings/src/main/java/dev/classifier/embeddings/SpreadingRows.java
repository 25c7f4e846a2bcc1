package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The rows label spreading runs over: the examples' unit vectors and texts, then as many of the pool's as fit under
 * a limit, end to end; and each row's nearest rows, by the cosine and by the cosine blended with the rows'
 * {@link Wording}, found once when first asked (the held-out folds and the final model share them).
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
    private final List<String> texts;
    private float[] flat;
    private Wording wording;
    private LabelSpreading.CandidateLists candidates;

    private SpreadingRows(float[][] examples, float[][] pool, List<String> texts) {
        this.examples = examples;
        this.pool = pool;
        this.texts = texts;
    }

    /**
     * The examples, then the pool, or a seeded sample of it (in its order) where it would pass {@code maxRows}.
     *
     * @param examples     the examples' unit vectors (row i is example i)
     * @param exampleTexts the examples' texts, in the same order
     * @param pool         the pool's unit vectors
     * @param poolTexts    the pool articles' texts, in the same order
     */
    static SpreadingRows of(float[][] examples, List<String> exampleTexts, float[][] pool, List<String> poolTexts,
                            int maxRows, long seed) {
        if (exampleTexts.size() != examples.length || poolTexts.size() != pool.length) {
            throw new IllegalArgumentException("a text for every vector: " + exampleTexts.size() + " texts for "
                    + examples.length + " examples, " + poolTexts.size() + " for " + pool.length + " pool articles");
        }
        int room = Math.max(0, maxRows - examples.length);
        List<Integer> kept = IntStream.range(0, pool.length).boxed().collect(Collectors.toCollection(ArrayList::new));
        if (pool.length > room) {
            Collections.shuffle(kept, new Random(seed));
            kept = kept.subList(0, room).stream().sorted().toList();
        }
        List<String> texts = new ArrayList<>(exampleTexts);
        kept.forEach(i -> texts.add(poolTexts.get(i)));
        return new SpreadingRows(examples, kept.stream().map(i -> pool[i]).toArray(float[][]::new), texts);
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

    /** The rows' wording, for the graph's similarity; fitted when first asked. */
    synchronized Wording wording() {
        if (wording == null) {
            wording = Wording.of(texts);
        }
        return wording;
    }

    /**
     * Each row's nearest rows by the cosine alone or by the cosine blended with the wording; both are found in one
     * scan when first asked.
     */
    synchronized LabelSpreading.Candidates candidates(boolean withWording) {
        if (candidates == null) {
            candidates = LabelSpreading.candidates(flat(), dimension(), wording());
        }
        return withWording ? candidates.withWording() : candidates.byCosine();
    }
}
