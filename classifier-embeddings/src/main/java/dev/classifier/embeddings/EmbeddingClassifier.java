package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Usage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies by the sentence embedding of an article's text: nearest centroid or logistic regression over the
 * vectors of labelled examples, with a softmax temperature fitted on held-out folds so that confidences are
 * calibrated. Made by an {@link EmbeddingTrainer}; immutable and safe for concurrent use.
 *
 * <p>A companion classifier (the local n-gram model, say) may join in: its log-probabilities are added to the
 * embedding's calibrated logits with a weight held-out data chose, where that adds accuracy.
 *
 * <p>Trained with an unlabelled pool, it may also blend in label spreading: the labels of the examples spread
 * over a nearest-neighbour graph of the examples and the pool, and an article gets its nearest graph articles'
 * spread scores, with the weight held-out data chose ({@link TrainingSettings#spreadWeight()}).
 *
 * <p>Labels without examples get probability 0; with no examples at all every article gets the taxonomy's
 * fallback, flagged {@code FALLBACK}. The classifier does not own the embedder: {@link #close()} leaves it open,
 * because retraining makes new classifiers over the same model. Once closed, it refuses to classify.
 *
 * <p>When the embedder fails, the article's classification fails with a {@link ClassificationException} (the
 * embedder's exception is its cause); a failing companion only leaves its voice out.
 *
 * <p>{@link #save(Path)} writes the whole trained model to one file and {@link #load(Path, TextEmbedder)} reads it
 * back, refusing an embedder other than the one it was trained with. Every prediction names
 * {@link #modelVersion()} as its model.
 */
public final class EmbeddingClassifier implements TrainedClassifier {

    /** How vectors become class scores. */
    public enum Method {
        /** Cosine to each class's mean vector: best with a few examples per class. */
        CENTROID,
        /** Multinomial logistic regression anchored at the centroids, its penalty chosen on held-out folds. */
        LOGISTIC,
        /** Whichever is more accurate on held-out folds of the training data. */
        AUTO
    }

    private final Taxonomy taxonomy;
    private final TextEmbedder embedder;
    private final Optional<LinearModel> model;
    private final Optional<Companion> companion;
    private final TrainingSummary summary;
    private final Optional<TrainingSettings> settings;
    private final Optional<SpreadScores> spreading;
    private final String modelVersion;
    private volatile boolean closed;

    EmbeddingClassifier(Taxonomy taxonomy, TextEmbedder embedder, Optional<LinearModel> model,
                        Optional<Companion> companion, TrainingSummary summary) {
        this(taxonomy, embedder, model, companion, summary, null);
    }

    EmbeddingClassifier(Taxonomy taxonomy, TextEmbedder embedder, Optional<LinearModel> model,
                        Optional<Companion> companion, TrainingSummary summary, TrainingSettings settings) {
        this(taxonomy, embedder, model, companion, summary, settings, Optional.empty());
    }

    EmbeddingClassifier(Taxonomy taxonomy, TextEmbedder embedder, Optional<LinearModel> model,
                        Optional<Companion> companion, TrainingSummary summary, TrainingSettings settings,
                        Optional<SpreadScores> spreading) {
        if (spreading.isPresent() && !spreading.get().fits(model)) {
            throw new IllegalArgumentException("the spread scores' classes differ from the model's");
        }
        this.settings = Optional.ofNullable(settings);
        this.spreading = spreading;
        this.taxonomy = taxonomy;
        this.embedder = embedder;
        this.model = model;
        this.companion = companion;
        this.summary = summary;
        this.modelVersion = STRATEGY + "@" + EmbeddingModelFile.fingerprint(contents()) + "/" + embedder.modelId()
                + companion.map(c -> "+" + c.version()).orElse("");
    }

    /** The strategy's name in model versions; raise its number when the same file would answer differently. */
    static final String STRATEGY = "embeddings-v1";

    /**
     * Reads a classifier saved by {@link #save(Path)}, to classify with {@code embedder}, which must be the
     * embedding model it was trained with (same model files, same way of reading text). A saved local companion
     * needs classifier-local on the class path.
     *
     * @param file     the saved classifier
     * @param embedder the embedding model, perhaps wrapped in an {@link EmbeddingCache}; not owned by the result
     * @return the classifier as it was saved: it answers as the saved one did
     * @throws InvalidEmbeddingModelFileException if the file is not such a classifier, of a version this library
     *                                            does not read, truncated or corrupt (the message names the file
     *                                            and the problem)
     * @throws IllegalArgumentException           if {@code embedder} is not the model the file was trained with
     *                                            (the message names both)
     * @throws IOException                        if the file cannot be read
     */
    public static EmbeddingClassifier load(Path file, TextEmbedder embedder) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(embedder, "embedder");
        return SavedClassifier.load(file, embedder);
    }

    /**
     * Saves every part of the trained model (weights, calibration, the blended companion in its own format,
     * taxonomy, training summary) with the embedding model's id, in a versioned, checksummed file; written aside
     * and moved into place. The layout is described in {@code EmbeddingModelFile}.
     *
     * @throws IllegalStateException if the companion is not the local n-gram model (no other companion can be
     *                               saved)
     * @throws IOException           if the file cannot be written
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        SavedClassifier.save(this, file);
    }

    /** What the model file holds, but the companion's own bytes. */
    EmbeddingModelFile.Contents contents() {
        return new EmbeddingModelFile.Contents(embedder.modelId(), taxonomy, summary, model,
                companion.map(c -> new EmbeddingModelFile.CompanionPart(
                        LocalCompanionFile.handles(c.classifier()) ? LocalCompanionFile.KIND
                                : c.classifier().getClass().getName(), c.weight(), c.temperature(), c.version())),
                settings, spreading);
    }

    Optional<Companion> companion() {
        return companion;
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        String text = article.text();
        Optional<Prediction> second = companion.flatMap(c -> c.predict(article));
        float[] vector = embed(article);
        return predict(vector, truncates(text), second, spreading.map(s -> s.scoresOf(vector, text)).orElse(null));
    }

    /** The article's vector; a failing embedder fails the classification, named by the article's id only. */
    private float[] embed(Article article) {
        try {
            return embedder.embed(article.text());
        } catch (ClassificationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ClassificationException("embedding article '" + article.id() + "' failed: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the embedding classifier is closed");
        }
    }

    /** Embeds all texts in one call (so the embedder can spread them over its threads), then scores each. */
    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        Objects.requireNonNull(articles, "articles");
        articles.forEach(article -> Objects.requireNonNull(article, "articles holds a null"));
        ensureOpen();
        List<String> texts = articles.stream().map(Article::text).toList();
        List<float[]> vectors;
        try {
            vectors = embedder.embedAll(texts);
        } catch (RuntimeException e) {
            // One text may have failed the batch: classify one by one, so only that one fails.
            return TrainedClassifier.super.classifyAll(articles);
        }
        List<Optional<Prediction>> second = companion.map(c -> c.predictAll(articles))
                .orElseGet(() -> Collections.nCopies(articles.size(), Optional.empty()));
        // With spreading, the graph is scanned once per block of articles, blocks in parallel.
        List<double[]> spread = spreading.map(s -> s.scoresOf(vectors, texts))
                .orElseGet(() -> Collections.nCopies(articles.size(), null));
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            outcomes.add(Outcome.success(predict(vectors.get(i), truncates(texts.get(i)), second.get(i),
                    spread.get(i))));
        }
        return outcomes;
    }

    /**
     * The label probabilities for a vector from this classifier's embedder, with the companion's view (if any) and
     * the article's spread scores (null without spreading).
     */
    private Prediction predict(float[] vector, boolean truncated, Optional<Prediction> second, double[] spread) {
        Set<Prediction.Flag> flags = truncated ? EnumSet.of(Prediction.Flag.TRUNCATED) : EnumSet.noneOf(Prediction.Flag.class);
        if (model.isEmpty()) {
            flags.add(Prediction.Flag.FALLBACK);
            return new Prediction(taxonomy.fallback(), Double.NaN, Map.of(), flags, "", modelVersion, Usage.NONE);
        }
        LinearModel linear = model.get();
        double[] p = linear.probabilities(vector);
        if (companion.isPresent() && second.isPresent()) {
            Companion c = companion.get();
            double[] z = Companion.combine(linear.logits(vector), linear.temperature(),
                    Companion.probabilities(linear.labels(), second), c.weight());
            p = LinearModel.softmax(z, c.temperature());
        }
        if (spreading.isPresent()) {
            p = spreading.get().blend(p, spread);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (String label : taxonomy.labels()) {
            scores.put(label, 0.0);
        }
        int best = 0;
        for (int k = 0; k < p.length; k++) {
            scores.put(linear.labels().get(k), p[k]);
            if (p[k] > p[best]) {
                best = k;
            }
        }
        // One trained class says nothing about confidence: every article lands there.
        double confidence = p.length == 1 ? Double.NaN : p[best];
        return new Prediction(linear.labels().get(best), confidence, p.length == 1 ? Map.of() : scores, flags, "",
                modelVersion, Usage.NONE);
    }

    private boolean truncates(String text) {
        return embedder instanceof TruncationAware aware && aware.truncates(text);
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Closes the companion classifier, which this classifier trained; the embedder stays open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        companion.ifPresent(c -> c.classifier().close());
    }

    /**
     * {@code embeddings-v1@}, a hash of the trained model (every part a saved file holds, the companion by its
     * version), the embedding model's id, and {@code +} the companion's version when one is blended in, e.g.
     * {@code embeddings-v1@3f2a9c0d1b7e/bge-small-zh-v1.5-q@a1b2c3d4e5f6/max512}: equal for classifiers that
     * answer alike, kept by {@link #save} and {@link #load}. Every prediction names it as its model.
     */
    @Override
    public String modelVersion() {
        return modelVersion;
    }

    /** What it was trained on and how. */
    public TrainingSummary summary() {
        return summary;
    }

    /**
     * The settings it was trained with (the prior's weight, pool use, ...), also after {@link #load}; empty for a
     * classifier not trained by an {@link EmbeddingTrainer}, and for one loaded from a file that an earlier version
     * of the library wrote (format 1, which kept the training summary but not these choices).
     */
    public Optional<TrainingSettings> settings() {
        return settings;
    }

    /** The embedding model it classifies with (not owned: {@link #close()} leaves it open). */
    public TextEmbedder embedder() {
        return embedder;
    }

    @Override
    public String toString() {
        return "EmbeddingClassifier[" + modelVersion + ", " + summary.method() + ", " + summary.examples() + " examples]";
    }
}
