package dev.classifier.embeddings;

import dev.classifier.local.NgramVectors;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Label spreading (Zhou et al. 2004) over a nearest-neighbour graph of the labelled examples and the unlabelled
 * pool: each article's {@link #NEIGHBOURS} nearest by similarity (the cosine of the unit vectors, blended with the
 * articles' {@link Wording} where there is one), weighted by it,
 * symmetrised (W + Wᵀ) and normalised (D^-1/2 W D^-1/2); then {@code F ← αSF + (1-α)Y}, Y one-hot on the labelled
 * rows. The settings are fixed defaults, measured on the benchmark pools' gold labels (never the test split).
 *
 * <p>The nearest {@link #CANDIDATES} of every row are found once ({@link #candidates}); each held-out fold's graph
 * (its held-out rows left out) is derived from them by filtering, as is the final model's.
 */
final class LabelSpreading {

    /** Neighbours per article in the graph, and through which a new article is scored. */
    static final int NEIGHBOURS = 10;
    /** Nearest rows kept per row, so that a fold's graph still finds {@link #NEIGHBOURS} after leaving rows out. */
    static final int CANDIDATES = 30;
    /** How much a row keeps of its neighbours' scores against its own label. */
    static final double ALPHA = 0.9;
    static final int ITERATIONS = 40;
    /** Queries per block of a scan: their vectors stay in cache while every stored row passes once. */
    static final int BLOCK = 32;
    /** The least spread score the geometric blend takes (a class no neighbour has). */
    static final double FLOOR = 1e-4;
    /** The cosine an edge or a neighbour's weight gets at least: a negative cosine would take weight away. */
    static final float MIN_COSINE = 1e-6f;

    private LabelSpreading() {
    }

    /**
     * Each row's nearest other rows, nearest first, and their similarities (at least {@link #MIN_COSINE}): the
     * cosine, or the cosine blended with the wording.
     */
    record Candidates(int[][] nearest, float[][] similarities) {
    }

    /** The unit rows end to end in one array ({@code rows × dimension}). */
    static float[] flatten(float[][] rows, int dimension) {
        float[] flat = new float[rows.length * dimension];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dimension, dimension);
        }
        return flat;
    }

    /** Each row's nearest rows by the cosine alone, and by the cosine blended with the rows' wording (or null). */
    record CandidateLists(Candidates byCosine, Candidates withWording) {
    }

    /**
     * The {@link #CANDIDATES} nearest other rows of every row, by the cosine and, with a wording, also by the
     * cosine blended with it, in one scan. Each pair's similarity is computed once and offered to both rows (half
     * the work of a scan per row; the same value either way, so the same neighbours): blocks of {@link #BLOCK} rows
     * against the rows after them, the blocks dealt round to a worker per core, each keeping its own best lists,
     * merged at the end.
     *
     * @param wording the rows' wording; null for the cosine alone
     */
    static CandidateLists candidates(float[] flat, int dimension, Wording wording) {
        int n = flat.length / dimension;
        int capacity = Math.min(CANDIDATES, Math.max(0, n - 1));
        int blocks = (n + BLOCK - 1) / BLOCK;
        int workers = Math.max(1, Math.min(blocks, Runtime.getRuntime().availableProcessors()));
        List<TopK[][]> partials = IntStream.range(0, workers).parallel().mapToObj(worker -> {
            TopK[] byCosine = topLists(n, capacity);
            TopK[] withWording = wording == null ? null : topLists(n, capacity);
            for (int block = worker; block < blocks; block += workers) {
                int from = block * BLOCK;
                int to = Math.min(n, from + BLOCK);
                float[][] queries = new float[to - from][];
                for (int q = from; q < to; q++) {
                    queries[q - from] = Arrays.copyOfRange(flat, q * dimension, (q + 1) * dimension);
                }
                NgramVectors.Block words = wording == null ? null : wording.vectors().block(from, to);
                double[] alike = new double[to - from];
                for (int j = from + 1; j < n; j++) {
                    int offset = j * dimension;
                    if (words != null) {
                        words.similarities(j, alike);
                    }
                    for (int q = from; q < to && q < j; q++) {
                        float cosine = FloatVectorIndex.dot(queries[q - from], flat, offset, dimension);
                        byCosine[q].offer(j, cosine);
                        byCosine[j].offer(q, cosine);
                        if (words != null) {
                            float similarity = wording.similarity(cosine, alike[q - from]);
                            withWording[q].offer(j, similarity);
                            withWording[j].offer(q, similarity);
                        }
                    }
                }
            }
            return new TopK[][] {byCosine, withWording};
        }).toList();
        return new CandidateLists(merged(partials, 0, n, capacity),
                wording == null ? null : merged(partials, 1, n, capacity));
    }

    private static TopK[] topLists(int n, int capacity) {
        TopK[] tops = new TopK[n];
        for (int i = 0; i < n; i++) {
            tops[i] = new TopK(capacity);
        }
        return tops;
    }

    /** The workers' best lists of one kind merged, each row's nearest first. */
    private static Candidates merged(List<TopK[][]> partials, int kind, int n, int capacity) {
        int[][] nearest = new int[n][];
        float[][] similarities = new float[n][];
        for (int i = 0; i < n; i++) {
            TopK merged = new TopK(capacity);
            for (TopK[][] partial : partials) {
                merged.mergeFrom(partial[kind][i]);
            }
            List<TopK.Entry> entries = merged.sorted();
            nearest[i] = entries.stream().mapToInt(TopK.Entry::slot).toArray();
            similarities[i] = new float[entries.size()];
            for (int m = 0; m < similarities[i].length; m++) {
                similarities[i][m] = Math.max(MIN_COSINE, entries.get(m).score());
            }
        }
        return new Candidates(nearest, similarities);
    }

    /**
     * The {@code k} stored rows nearest each unit query by similarity, best first (ties to the lower row), blocks of
     * {@link #BLOCK} queries in parallel: a scan query by query would read every stored row once per query and be
     * bound by memory.
     *
     * @param self          the row each query is itself (left out), or -1
     * @param wording       the stored rows' wording, blended into the similarity; null for the cosine alone
     * @param queryWordings each query's wording ({@link dev.classifier.local.NgramVectors#vectorOf}); null without
     *                      a wording
     */
    static List<List<TopK.Entry>> nearest(float[][] queries, int[] self, float[] flat, int dimension, int k,
                                          Wording wording, List<NgramVectors.Vector> queryWordings) {
        int n = flat.length / dimension;
        TopK[] tops = new TopK[queries.length];
        IntStream.range(0, (queries.length + BLOCK - 1) / BLOCK).parallel().forEach(block -> {
            int from = block * BLOCK;
            int to = Math.min(queries.length, from + BLOCK);
            for (int q = from; q < to; q++) {
                tops[q] = new TopK(Math.min(k, self[q] >= 0 ? n - 1 : n));
            }
            NgramVectors.Block words = wording == null ? null
                    : wording.vectors().block(queryWordings.subList(from, to));
            double[] alike = new double[to - from];
            for (int j = 0; j < n; j++) {
                int offset = j * dimension;
                if (words != null) {
                    words.similarities(j, alike);
                }
                for (int q = from; q < to; q++) {
                    if (j != self[q]) {
                        float cosine = FloatVectorIndex.dot(queries[q], flat, offset, dimension);
                        tops[q].offer(j, words == null ? cosine : wording.similarity(cosine, alike[q - from]));
                    }
                }
            }
        });
        return Arrays.stream(tops).map(TopK::sorted).toList();
    }

    /**
     * Spreads the labels of the seed rows over the graph of the rows {@code inGraph} keeps, each joined to its
     * {@link #NEIGHBOURS} nearest kept candidates.
     *
     * @param seed each row's class, or -1 for a row with no label (pool articles, held-out examples)
     * @return each row's spread scores per class (zeros for rows outside the graph), not normalised
     */
    static double[][] spread(Candidates candidates, boolean[] inGraph, int[] seed, int classes) {
        int n = seed.length;
        int[][] nearest = new int[n][];
        double[][] weights = new double[n][];
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            int[] picked = inGraph[i] ? kept(candidates.nearest()[i], inGraph) : new int[0];
            nearest[i] = new int[picked.length];
            weights[i] = new double[picked.length];
            for (int m = 0; m < picked.length; m++) {
                nearest[i][m] = candidates.nearest()[i][picked[m]];
                weights[i][m] = candidates.similarities()[i][picked[m]];
                degree[i] += weights[i][m];
                degree[nearest[i][m]] += weights[i][m];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < nearest[i].length; m++) {
                weights[i][m] *= ALPHA / Math.sqrt(degree[i] * degree[nearest[i][m]]);
            }
        }
        double[][] f = new double[n][classes];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[][] next = new double[n][classes];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < nearest[i].length; m++) {
                    int j = nearest[i][m];
                    double w = weights[i][m];
                    for (int c = 0; c < classes; c++) { // W + Wᵀ: i's edge to j feeds both ways
                        next[i][c] += w * f[j][c];
                        next[j][c] += w * f[i][c];
                    }
                }
                if (seed[i] >= 0 && inGraph[i]) {
                    next[i][seed[i]] += 1 - ALPHA;
                }
            }
            f = next;
        }
        return f;
    }

    /**
     * A row outside the graph scored through its {@link #NEIGHBOURS} nearest graph rows: their spread scores, each
     * normalised to sum 1, weighted by its similarity, then normalised to sum 1 (uniform where no neighbour has any).
     */
    static double[] throughNeighbours(int[] nearest, float[] similarities, boolean[] inGraph, double[][] spread,
                                      int classes) {
        double[] out = new double[classes];
        int[] picked = kept(nearest, inGraph);
        for (int m : picked) {
            addScaled(out, spread[nearest[m]], similarities[m]);
        }
        return normalised(out);
    }

    /** Adds {@code weight} times a score row normalised to sum 1 (nothing for a row of zeros). */
    static void addScaled(double[] sum, double[] row, double weight) {
        double total = Arrays.stream(row).sum();
        if (total > 0) {
            for (int c = 0; c < sum.length; c++) {
                sum[c] += weight * row[c] / total;
            }
        }
    }

    /** Scores scaled to sum 1; uniform when they sum to 0, so that blending them in moves no argmax. */
    static double[] normalised(double[] scores) {
        double total = Arrays.stream(scores).sum();
        double[] out = new double[scores.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = total > 0 ? scores[c] / total : 1.0 / out.length;
        }
        return out;
    }

    /**
     * {@code p^(1 − weight) · spread^weight}, normalised to sum 1: the blend in log space, where the spread scores
     * of a 10-neighbour average, often flat, still move the answer (a linear blend under-used them). A spread score
     * is taken at least {@link #FLOOR}: a class none of the neighbours has is unlikely, not impossible.
     */
    static double[] geometricBlend(double[] p, double[] spread, double weight) {
        double[] z = new double[p.length];
        for (int c = 0; c < z.length; c++) {
            z[c] = (1 - weight) * Math.log(Math.max(p[c], 1e-12)) + weight * Math.log(Math.max(spread[c], FLOOR));
        }
        return LinearModel.softmax(z, 1);
    }

    /** {@code (1 − weight) · p + weight · spread}: the blend of models saved before the geometric one. */
    static double[] blend(double[] p, double[] spread, double weight) {
        double[] out = new double[p.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (1 - weight) * p[c] + weight * spread[c];
        }
        return out;
    }

    /** Positions of the first {@link #NEIGHBOURS} candidates the graph keeps. */
    private static int[] kept(int[] candidates, boolean[] inGraph) {
        int[] picked = new int[Math.min(NEIGHBOURS, candidates.length)];
        int count = 0;
        for (int m = 0; m < candidates.length && count < picked.length; m++) {
            if (inGraph[candidates[m]]) {
                picked[count++] = m;
            }
        }
        return Arrays.copyOf(picked, count);
    }
}
