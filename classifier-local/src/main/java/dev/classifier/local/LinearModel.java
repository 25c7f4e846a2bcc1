package dev.classifier.local;

import java.util.List;

/**
 * The trained state of a {@link LocalClassifier}: the vocabulary; for each feature a row holding its IDF followed
 * by its class weights already multiplied by that IDF (one row is one cache line, read once per feature); a bias
 * per class; the calibrating inverse temperature and the class priors; and what it remembers of the words it met
 * (see {@link ChunkWeighting}). Safe to share between threads: the one part that changes, the memory of words met
 * since it was made, changes no answer.
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
    /** Vectors of the words met in training texts, fixed; then those met since, remembered as they come. */
    private final MetWords metWords;
    private final ChunkCache chunkCache = new ChunkCache();

    LinearModel(FeatureSpec spec, Vocabulary vocabulary, List<String> classes, float[] rows, float[] bias,
                double beta, double[] priors) {
        this(spec, vocabulary, classes, rows, bias, beta, priors, MetWords.NONE);
    }

    private LinearModel(FeatureSpec spec, Vocabulary vocabulary, List<String> classes, float[] rows, float[] bias,
                        double beta, double[] priors, MetWords metWords) {
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
        this.metWords = metWords;
    }

    /**
     * The same model, having met the words of these texts (see {@link MetWords}). A model in service soon meets
     * most words of its domain; meeting them when it is made spares the first articles after every retraining the
     * slower path.
     */
    LinearModel meeting(List<String> texts) {
        MetWords.Builder met = new MetWords.Builder(classes.size() + 1);
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        for (int t = texts.size() - 1; t >= 0 && !met.full(); t--) { // the latest first, should it fill up
            int chunks = features.chunks(texts.get(t), scratch);
            for (int c = 0; c < chunks && !met.full(); c++) {
                if (TextFeatures.worthRemembering(scratch, c)) {
                    long key = TextFeatures.chunkKey(scratch, c);
                    if (!met.has(key)) {
                        met.add(key, computeChunkVector(scratch, c, new float[classes.size() + 1]));
                    }
                }
            }
        }
        return new LinearModel(features.spec(), vocabulary, classes, rows, bias, beta, priors, met.build());
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
     * Fills {@code out} with the class margins of the text: bias plus the weights of its normalised TF-IDF vector
     * (see {@link ChunkWeighting}).
     *
     * @return whether the text has any feature the model knows; if not, only the biases answered
     */
    boolean margins(String text, double[] out) {
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        int c = classes.size();
        for (int j = 0; j < c; j++) {
            out[j] = 0;
        }
        boolean sublinear = features.spec().sublinearTf();
        double norm = 0;
        for (int i = 0, distinct = ChunkWeighting.distinctChunks(features, text, scratch); i < distinct; i++) {
            double weight = TfIdf.termWeight(scratch.chunkCounter.count(i), sublinear);
            norm += weight * weight * addChunk(scratch, i, weight, out);
        }
        if (features.spec().wordBigrams()) {
            FeatureCounter counter = scratch.counter;
            counter.start(64);
            features.countWordBigrams(scratch, scratch.chunkCount, counter);
            norm += add(vectorOf(counter, scratch.vector(c + 1)), 0, 1.0, out);
        }
        // The norm is known only at the end, so scale the sum once instead of every term.
        double scale = norm > 0 ? 1.0 / Math.sqrt(norm) : 0;
        for (int j = 0; j < c; j++) {
            out[j] = out[j] * scale + bias[j];
        }
        return norm > 0;
    }

    /**
     * Adds {@code weight} times the i-th distinct chunk's share of each margin to {@code out}, and returns the
     * chunk's part of the squared norm. The share comes from the words met in training, those remembered since, or
     * is worked out (and remembered if the chunk may recur).
     */
    private double addChunk(TextFeatures.Scratch scratch, int distinct, double weight, double[] out) {
        int c = scratch.firstChunk[distinct];
        if (!TextFeatures.worthRemembering(scratch, c)) {
            return add(computeChunkVector(scratch, c, scratch.vector(classes.size() + 1)), 0, weight, out);
        }
        long key = scratch.firstChunkKey[distinct];
        int at = metWords.find(key);
        if (at >= 0) {
            return add(metWords.vectors(), at, weight, out);
        }
        float[] vector = chunkCache.get(key);
        if (vector == null) {
            vector = computeChunkVector(scratch, c, new float[classes.size() + 1]);
            chunkCache.put(key, vector);
        }
        return add(vector, 0, weight, out);
    }

    /** Adds {@code weight} times the margin shares at {@code vectors[at ..]} to {@code out}; returns the norm part. */
    private double add(float[] vectors, int at, double weight, double[] out) {
        int c = classes.size();
        for (int j = 0; j < c; j++) {
            out[j] += weight * vectors[at + j];
        }
        return vectors[at + c];
    }

    private float[] computeChunkVector(TextFeatures.Scratch scratch, int c, float[] out) {
        FeatureCounter counter = scratch.counter;
        counter.start(64);
        features.countChunk(scratch, c, counter);
        return vectorOf(counter, out);
    }

    /** The counted features' share of each class margin, then their part of the squared norm, into {@code out}. */
    private float[] vectorOf(FeatureCounter counter, float[] out) {
        int c = classes.size();
        int stride = c + 1;
        boolean sublinear = features.spec().sublinearTf();
        double[] sums = new double[stride];
        for (int i = 0, distinct = counter.size(); i < distinct; i++) {
            int f = vocabulary.indexOf(counter.key(i));
            if (f >= 0) {
                double weight = TfIdf.termWeight(counter.count(i), sublinear);
                int base = f * stride;
                double idf = rows[base];
                for (int j = 0; j < c; j++) {
                    sums[j] += weight * rows[base + 1 + j];
                }
                sums[c] += weight * weight * idf * idf;
            }
        }
        for (int j = 0; j < stride; j++) {
            out[j] = (float) sums[j];
        }
        return out;
    }

    /** How many words the model met when it was made. */
    int metWordCount() {
        return metWords.size();
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
