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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <p>Labels without examples get probability 0; with no examples at all every article gets the taxonomy's
 * fallback, flagged {@code FALLBACK}. The classifier does not own the embedder: {@link #close()} leaves it open,
 * because retraining makes new classifiers over the same model. Once closed, it refuses to classify.
 *
 * <p>When the embedder fails, the article's classification fails with a {@link ClassificationException} (the
 * embedder's exception is its cause); a failing companion only leaves its voice out.
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
    private final String modelName;
    private final String modelVersion;
    private volatile boolean closed;

    EmbeddingClassifier(Taxonomy taxonomy, TextEmbedder embedder, Optional<LinearModel> model,
                        Optional<Companion> companion, TrainingSummary summary) {
        this(taxonomy, embedder, model, companion, summary, null);
    }

    EmbeddingClassifier(Taxonomy taxonomy, TextEmbedder embedder, Optional<LinearModel> model,
                        Optional<Companion> companion, TrainingSummary summary, TrainingSettings settings) {
        this.settings = Optional.ofNullable(settings);
        this.taxonomy = taxonomy;
        this.embedder = embedder;
        this.model = model;
        this.companion = companion;
        this.summary = summary;
        this.modelName = "embeddings/" + summary.method().name().toLowerCase(Locale.ROOT)
                + companion.map(c -> "+" + c.version()).orElse("") + "/"
                + embedder.modelId();
        this.modelVersion = "embeddings-v1@" + fingerprint();
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        String text = article.text();
        Optional<Prediction> second = companion.flatMap(c -> c.predict(article));
        return predict(embed(article), truncates(text), second);
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
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            outcomes.add(Outcome.success(predict(vectors.get(i), truncates(texts.get(i)), second.get(i))));
        }
        return outcomes;
    }

    /** The label probabilities for a vector from this classifier's embedder (and the companion's view). */
    Prediction predict(float[] vector, boolean truncated, Optional<Prediction> second) {
        Set<Prediction.Flag> flags = truncated ? EnumSet.of(Prediction.Flag.TRUNCATED) : EnumSet.noneOf(Prediction.Flag.class);
        if (model.isEmpty()) {
            flags.add(Prediction.Flag.FALLBACK);
            return new Prediction(taxonomy.fallback(), Double.NaN, Map.of(), flags, "", modelName, Usage.NONE);
        }
        LinearModel linear = model.get();
        double[] p = linear.probabilities(vector);
        if (companion.isPresent() && second.isPresent()) {
            Companion c = companion.get();
            double[] z = Companion.combine(linear.logits(vector), linear.temperature(),
                    Companion.probabilities(linear.labels(), second), c.weight());
            p = LinearModel.softmax(z, c.temperature());
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
                modelName, Usage.NONE);
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
     * {@code embeddings-v1@} and a hash of the embedding model id, the trained weights, the temperature and the
     * companion's version: equal for classifiers that answer alike.
     */
    @Override
    public String modelVersion() {
        return modelVersion;
    }

    private String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(modelName.getBytes(StandardCharsets.UTF_8));
            ByteBuffer numbers = ByteBuffer.allocate(8);
            model.ifPresent(m -> {
                m.labels().forEach(label -> sha.update((label + "\n").getBytes(StandardCharsets.UTF_8)));
                for (double[] row : m.weights()) {
                    for (double w : row) {
                        sha.update(numbers.clear().putDouble(w).array());
                    }
                }
                for (double b : m.bias()) {
                    sha.update(numbers.clear().putDouble(b).array());
                }
                sha.update(numbers.clear().putDouble(m.temperature()).array());
            });
            companion.ifPresent(c -> {
                sha.update(c.version().getBytes(StandardCharsets.UTF_8));
                sha.update(numbers.clear().putDouble(c.weight()).array());
                sha.update(numbers.clear().putDouble(c.temperature()).array());
            });
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** What it was trained on and how. */
    public TrainingSummary summary() {
        return summary;
    }

    /** The settings it was trained with (the prior's weight, pool use, ...); empty for a classifier not trained here. */
    public Optional<TrainingSettings> settings() {
        return settings;
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    @Override
    public String toString() {
        return "EmbeddingClassifier[" + modelName + ", " + summary.examples() + " examples]";
    }
}
