package dev.classifier.embeddings;

import dev.classifier.local.NgramVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trained {@link EmbeddingClassifier} keeps of label spreading: the graph articles' unit vectors (the
 * examples and the pool) and their spread scores per class (each row summing to 1, or all zero where no label
 * reached it), the blend weight the held-out folds chose and how the blend is made. A new article is scored
 * through its {@link LabelSpreading#NEIGHBOURS} nearest graph articles (by the cosine blended with their
 * {@link Wording}, where the model has it); the pool's inferred scores never leave the model.
 *
 * @param labels    the classes, in the linear model's order
 * @param dimension the vectors' dimension
 * @param vectors   the graph articles' unit vectors end to end ({@code rows × dimension})
 * @param scores    each graph article's spread scores per class
 * @param weight    the spread scores' share of the blend, in (0, 1]
 * @param blend     how the probabilities and the spread scores are blended
 * @param wording   the graph articles' wording, blended with the cosine to find a new article's neighbours; empty
 *                  in models saved before it (format versions 3 and 4), which find them by the cosine alone
 */
record SpreadScores(List<String> labels, int dimension, float[] vectors, double[][] scores, double weight,
                    Blend blend, Optional<Wording> wording) {

    /** How the probabilities p and an article's spread scores s are blended at weight w. */
    enum Blend {
        /** {@code (1 − w) · p + w · s}: models saved by format version 3 (session 8). */
        LINEAR,
        /** {@code p^(1 − w) · s^w}, normalised ({@link LabelSpreading#geometricBlend}): what training makes now. */
        GEOMETRIC
    }

    SpreadScores {
        labels = List.copyOf(labels);
        Objects.requireNonNull(blend, "blend");
        if (dimension < 1 || vectors.length != scores.length * dimension) {
            throw new IllegalArgumentException(scores.length + " graph rows of " + dimension + " dimensions need "
                    + (long) scores.length * dimension + " vector values, not " + vectors.length);
        }
        for (double[] row : scores) {
            if (row.length != labels.size()) {
                throw new IllegalArgumentException("a graph row has " + row.length + " class scores for "
                        + labels.size() + " classes");
            }
        }
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("the spreading weight must be in (0, 1], was " + weight);
        }
        if (wording.isPresent() && wording.get().rows() != scores.length) {
            throw new IllegalArgumentException("the wording has " + wording.get().rows() + " rows for "
                    + scores.length + " graph rows");
        }
    }

    /** Scores whose new articles' neighbours are found by the cosine alone. */
    SpreadScores(List<String> labels, int dimension, float[] vectors, double[][] scores, double weight, Blend blend) {
        this(labels, dimension, vectors, scores, weight, blend, Optional.empty());
    }

    /**
     * Spreads the examples' labels over the graph of the examples and the pool, for the final model.
     *
     * @param graph   the examples' then the pool's rows
     * @param y       the examples' classes (the first {@code y.length} rows)
     * @param wording the wording's share of the graph's similarity: 0 for the cosine alone, else
     *                {@link Wording#WEIGHT}
     */
    static SpreadScores train(List<String> labels, SpreadingRows graph, int[] y, double weight, double wording) {
        float[] flat = graph.flat();
        int rows = flat.length / graph.dimension();
        boolean[] inGraph = new boolean[rows];
        Arrays.fill(inGraph, true);
        int[] seed = new int[rows];
        Arrays.fill(seed, -1);
        System.arraycopy(y, 0, seed, 0, y.length);
        boolean withWording = wording > 0;
        if (withWording && wording != graph.wording().weight()) {
            throw new IllegalArgumentException("the graph's wording has share " + graph.wording().weight() + ", not "
                    + wording);
        }
        double[][] spread = LabelSpreading.spread(graph.candidates(withWording), inGraph, seed, labels.size());
        double[][] scores = new double[rows][];
        for (int i = 0; i < rows; i++) {
            double total = Arrays.stream(spread[i]).sum();
            scores[i] = total > 0 ? LabelSpreading.normalised(spread[i]) : new double[labels.size()];
        }
        return new SpreadScores(labels, graph.dimension(), flat, scores, weight, Blend.GEOMETRIC,
                withWording ? Optional.of(graph.wording()) : Optional.empty());
    }

    /** Whether these scores' classes are the linear model's, in its order (as the blend needs). */
    boolean fits(Optional<LinearModel> model) {
        return model.map(LinearModel::labels).filter(labels::equals).isPresent();
    }

    int rows() {
        return scores.length;
    }

    /**
     * An article's scores through its nearest graph articles, weighted by their similarity (uniform if none has
     * any score).
     *
     * @param vector the article's embedding
     * @param text   the article's text, which the {@link #wording} reads
     */
    double[] scoresOf(float[] vector, String text) {
        return scoresOf(List.of(vector), List.of(text)).get(0);
    }

    /** {@link #scoresOf(float[], String)} of many articles, the graph scanned once per block of them. */
    List<double[]> scoresOf(List<float[]> vectorsToScore, List<String> texts) {
        float[][] unit = new float[vectorsToScore.size()][];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = vectorsToScore.get(i).clone();
            OnnxTextEmbedder.normalise(unit[i]);
        }
        int[] self = new int[unit.length];
        Arrays.fill(self, -1);
        List<NgramVectors.Vector> wordings = wording.map(w -> texts.parallelStream().map(w.vectors()::vectorOf)
                .toList()).orElse(null);
        List<double[]> out = new ArrayList<>(unit.length);
        for (List<TopK.Entry> nearest : LabelSpreading.nearest(unit, self, vectors, dimension,
                LabelSpreading.NEIGHBOURS, wording.orElse(null), wordings)) {
            double[] sum = new double[labels.size()];
            for (TopK.Entry entry : nearest) {
                LabelSpreading.addScaled(sum, scores[entry.slot()], Math.max(LabelSpreading.MIN_COSINE, entry.score()));
            }
            out.add(LabelSpreading.normalised(sum));
        }
        return out;
    }

    /** p blended with a vector's spread scores ({@link #scoresOf}) at this weight, the way {@link #blend()} says. */
    double[] blend(double[] p, double[] spread) {
        return blend == Blend.GEOMETRIC ? LabelSpreading.geometricBlend(p, spread, weight)
                : LabelSpreading.blend(p, spread, weight);
    }
}
