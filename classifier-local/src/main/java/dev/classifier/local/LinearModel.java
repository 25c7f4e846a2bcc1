package dev.classifier.local;

import java.util.List;

/**
 * The trained state of a {@link LocalClassifier}: the vocabulary; for each feature a row holding its IDF followed
 * by its class weights already multiplied by that IDF (one row is one cache line, read once per feature); a bias
 * per class; the calibrating inverse temperature and the class priors. Immutable and safe to share between threads.
 */
final class LinearModel {

    private final TextFeatures features;
    private final Vocabulary vocabulary;
    private final List<String> classes;
    /** Feature f's row: rows[f * (C + 1)] is its IDF, then its C weights times that IDF. */
    private final float[] rows;
    private final float[] bias;
    private final double beta;
    private final double[] priors;

    LinearModel(FeatureSpec spec, Vocabulary vocabulary, List<String> classes, float[] rows, float[] bias,
                double beta, double[] priors) {
        int c = classes.size();
        if (c == 0 || rows.length != vocabulary.size() * (c + 1) || bias.length != c || priors.length != c) {
            throw new IllegalArgumentException("model arrays disagree with " + vocabulary.size() + " features and "
                    + c + " classes");
        }
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("inverse temperature must be positive and finite, was " + beta);
        }
        this.features = new TextFeatures(spec);
        this.vocabulary = vocabulary;
        this.classes = List.copyOf(classes);
        this.rows = rows;
        this.bias = bias;
        this.beta = beta;
        this.priors = priors;
    }

    /** Lays out IDF and weights (feature-major {@code weights[f * C + c]}) as this model's rows. */
    static float[] rowsOf(float[] idf, float[] weights, int classCount) {
        int stride = classCount + 1;
        float[] rows = new float[idf.length * stride];
        for (int f = 0; f < idf.length; f++) {
            rows[f * stride] = idf[f];
            for (int c = 0; c < classCount; c++) {
                rows[f * stride + 1 + c] = idf[f] * weights[f * classCount + c];
            }
        }
        return rows;
    }

    /**
     * Fills {@code out} with the class margins of the text: bias plus the weights of its L2-normalised TF-IDF
     * vector.
     *
     * @return how many distinct known features the text has; 0 means only the biases answered
     */
    int margins(String text, double[] out) {
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        FeatureCounter counter = scratch.counter;
        features.count(text, scratch);
        int c = classes.size();
        int stride = c + 1;
        for (int j = 0; j < c; j++) {
            out[j] = 0;
        }
        boolean sublinear = features.spec().sublinearTf();
        int known = 0;
        double norm = 0;
        for (int i = 0, distinct = counter.size(); i < distinct; i++) {
            int f = vocabulary.indexOf(counter.key(i));
            if (f >= 0) {
                int tf = counter.count(i);
                double weight = TfIdf.termWeight(tf, sublinear);
                int base = f * stride;
                double idf = rows[base];
                norm += weight * weight * idf * idf;
                for (int j = 0; j < c; j++) {
                    out[j] += weight * rows[base + 1 + j];
                }
                known++;
            }
        }
        // The norm is known only at the end, so scale the sum once instead of every term.
        double scale = known == 0 ? 0 : 1.0 / Math.sqrt(norm);
        for (int j = 0; j < c; j++) {
            out[j] = out[j] * scale + bias[j];
        }
        return known;
    }

    FeatureSpec spec() {
        return features.spec();
    }

    Vocabulary vocabulary() {
        return vocabulary;
    }

    List<String> classes() {
        return classes;
    }

    float[] rows() {
        return rows;
    }

    float[] bias() {
        return bias;
    }

    double beta() {
        return beta;
    }

    double[] priors() {
        return priors;
    }
}
