package dev.classifier.embeddings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a trained {@link EmbeddingClassifier} keeps of label spreading: the graph articles' unit vectors (the
 * examples and the pool) and their spread scores per class (each row summing to 1, or all zero where no label
 * reached it), the blend weight the held-out folds chose and how the blend is made. A new article is scored
 * through its {@link LabelSpreading#NEIGHBOURS} nearest graph articles; the pool's inferred scores never leave the
 * model.
 *
 * @param labels    the classes, in the linear model's order
 * @param dimension the vectors' dimension
 * @param vectors   the graph articles' unit vectors end to end ({@code rows × dimension})
 * @param scores    each graph article's spread scores per class
 * @param weight    the spread scores' share of the blend, in (0, 1]
 * @param blend     how the probabilities and the spread scores are blended
 */
record SpreadScores(List<String> labels, int dimension, float[] vectors, double[][] scores, double weight,
                    Blend blend) {

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
    }

    /**
     * Spreads the examples' labels over the graph of the examples and the pool, for the final model.
     *
     * @param flat       the examples' then the pool's unit vectors, end to end
     * @param candidates their nearest rows ({@link LabelSpreading#candidates})
     * @param y          the examples' classes (the first {@code y.length} rows)
     */
    static SpreadScores train(List<String> labels, int dimension, float[] flat, LabelSpreading.Candidates candidates,
                              int[] y, double weight) {
        int rows = flat.length / dimension;
        boolean[] inGraph = new boolean[rows];
        Arrays.fill(inGraph, true);
        int[] seed = new int[rows];
        Arrays.fill(seed, -1);
        System.arraycopy(y, 0, seed, 0, y.length);
        double[][] spread = LabelSpreading.spread(candidates, inGraph, seed, labels.size());
        double[][] scores = new double[rows][];
        for (int i = 0; i < rows; i++) {
            double total = Arrays.stream(spread[i]).sum();
            scores[i] = total > 0 ? LabelSpreading.normalised(spread[i]) : new double[labels.size()];
        }
        return new SpreadScores(labels, dimension, flat, scores, weight, Blend.GEOMETRIC);
    }

    /** Whether these scores' classes are the linear model's, in its order (as the blend needs). */
    boolean fits(Optional<LinearModel> model) {
        return model.map(LinearModel::labels).filter(labels::equals).isPresent();
    }

    int rows() {
        return scores.length;
    }

    /** A vector's scores through its nearest graph articles (cosine-weighted; uniform if none has any). */
    double[] scoresOf(float[] vector) {
        return scoresOf(List.of(vector)).get(0);
    }

    /** {@link #scoresOf(float[])} of many vectors, the graph scanned once per block of them. */
    List<double[]> scoresOf(List<float[]> vectorsToScore) {
        float[][] unit = new float[vectorsToScore.size()][];
        for (int i = 0; i < unit.length; i++) {
            unit[i] = vectorsToScore.get(i).clone();
            OnnxTextEmbedder.normalise(unit[i]);
        }
        int[] self = new int[unit.length];
        Arrays.fill(self, -1);
        List<double[]> out = new ArrayList<>(unit.length);
        for (List<TopK.Entry> nearest : LabelSpreading.nearest(unit, self, vectors, dimension,
                LabelSpreading.NEIGHBOURS)) {
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
