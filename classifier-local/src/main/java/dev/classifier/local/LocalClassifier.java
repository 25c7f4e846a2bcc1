package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabelScores;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Usage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The offline strategy: a linear model over word and character n-grams (see {@link FeatureSpec}), trained in
 * seconds by {@link LocalTrainer}, with calibrated probabilities. Safe for concurrent use. It holds only memory, so
 * {@link #close()} releases nothing; like every classifier, it refuses to classify once closed.
 *
 * <p>Features are weighed word by word (a word here is a whitespace-separated chunk): each distinct word adds its
 * own n-grams, weighed by how often it occurs. So the model remembers, for each English word it meets, that word's
 * share of the class margins, and a text whose words it has met costs a lookup per word instead of hashing every
 * n-gram. A trained model has met the words of its latest 20,000 training texts (up to 65,536 words, about 3.7 MB
 * with four labels); it remembers up to 131,072 more as it classifies (about 7 MB). Neither changes an answer.
 * Chinese clauses, written without spaces, are weighed whole and not remembered.
 *
 * <p>{@code confidence} is the calibrated probability of the label, {@code scores} that of every label of the
 * taxonomy (0 for labels it was never trained on). A text with no feature the model knows (say, a script it never
 * saw) gets the taxonomy's fallback label, flagged {@link Prediction.Flag#FALLBACK}, with the training priors as
 * scores; its confidence is the fallback's prior, usually 0, so a cascade passes it on.
 */
public final class LocalClassifier implements TrainedClassifier {

    private final LinearModel model;
    private final Taxonomy taxonomy;
    /** For each model class, the index of its label in the taxonomy, or -1 when the mapping dropped it. */
    private final int[] outputs;
    private final TrainingSummary summary;
    private final String version;
    private final Prediction unknownText;
    /** What a retraining can start from; only for a model just trained (not loaded, not remapped). */
    private final WarmStart warmStart;
    private volatile boolean closed;

    LocalClassifier(LinearModel model, Taxonomy taxonomy, int[] outputs, TrainingSummary summary) {
        this(model, taxonomy, outputs, summary, null);
    }

    LocalClassifier(LinearModel model, Taxonomy taxonomy, int[] outputs, TrainingSummary summary,
                    WarmStart warmStart) {
        this(model, taxonomy, outputs, summary, warmStart, null);
    }

    /** {@code fingerprint}: the payload's, when already known (a loaded file's); null to compute it. */
    private LocalClassifier(LinearModel model, Taxonomy taxonomy, int[] outputs, TrainingSummary summary,
                            WarmStart warmStart, String fingerprint) {
        this.warmStart = warmStart;
        this.model = model;
        this.taxonomy = taxonomy;
        this.outputs = outputs.clone();
        this.summary = summary;
        this.version = ModelFile.STRATEGY + "@"
                + (fingerprint != null ? fingerprint : ModelFile.fingerprint(ModelFile.payload(contents())));
        this.unknownText = priorPrediction();
    }

    /** A trainer with the default settings; see {@link LocalTrainer#builder()} for the others. */
    public static LocalTrainer trainer() {
        return LocalTrainer.builder().build();
    }

    /**
     * Reads a model saved by {@link #save(Path)}.
     *
     * @throws InvalidModelFileException if the file is not such a model, of a version this library does not read,
     *                                   truncated or corrupt (the message names the file and the problem)
     * @throws IOException               if the file cannot be read
     */
    public static LocalClassifier load(Path file) throws IOException {
        ModelFile.Loaded loaded = ModelFile.read(file);
        ModelFile.Contents contents = loaded.contents();
        return new LocalClassifier(contents.model(), contents.taxonomy(), contents.outputs(), contents.summary(), null,
                loaded.fingerprint());
    }

    /** Saves the model in a versioned, checksummed file; written aside and moved into place. */
    public void save(Path file) throws IOException {
        ModelFile.write(file, ModelFile.payload(contents()));
    }

    /**
     * The same model answering in another taxonomy: each class it was trained on is mapped with {@code mapping}
     * (renamed, merged: their probabilities add up, or dropped: the rest is renormalised). For when users change
     * their categories and the model is not retrained yet.
     *
     * @throws IllegalArgumentException if no trained class maps onto a label of the new taxonomy
     */
    public LocalClassifier remap(Taxonomy newTaxonomy, LabelMapping mapping) {
        Objects.requireNonNull(newTaxonomy, "newTaxonomy");
        Objects.requireNonNull(mapping, "mapping");
        List<String> classes = model.classes();
        int[] newOutputs = new int[classes.size()];
        boolean any = false;
        for (int c = 0; c < classes.size(); c++) {
            Optional<String> mapped = mapping.map(classes.get(c));
            newOutputs[c] = mapped.filter(newTaxonomy::contains).map(newTaxonomy.labels()::indexOf).orElse(-1);
            any |= newOutputs[c] >= 0;
        }
        if (!any) {
            throw new IllegalArgumentException("none of the trained labels " + classes + " maps onto " + newTaxonomy);
        }
        return new LocalClassifier(model, newTaxonomy, newOutputs, summary);
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        ensureOpen();
        int classCount = model.classes().size();
        double[] margins = new double[classCount];
        if (!model.margins(article.text(), margins)) {
            return unknownText;
        }
        double[] p = new double[classCount];
        TemperatureScaling.softmax(margins, model.beta(), p);
        return toPrediction(p, Set.of());
    }

    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        ensureOpen();
        return TrainedClassifier.super.classifyAll(articles);
    }

    /** Marks the classifier closed: it holds only memory, which the garbage collector frees. */
    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the local classifier is closed");
        }
    }

    /** Sums class probabilities into label probabilities (dropped classes left out) and picks the top label. */
    private Prediction toPrediction(double[] classProbabilities, Set<Prediction.Flag> flags) {
        List<String> labels = taxonomy.labels();
        double[] byLabel = new double[labels.size()];
        double kept = 0;
        for (int c = 0; c < classProbabilities.length; c++) {
            if (outputs[c] >= 0) {
                byLabel[outputs[c]] += classProbabilities[c];
                kept += classProbabilities[c];
            }
        }
        int best = 0;
        for (int l = 0; l < labels.size(); l++) {
            byLabel[l] = kept > 0 ? Math.min(1.0, byLabel[l] / kept) : 0.0;
            if (byLabel[l] > byLabel[best]) {
                best = l;
            }
        }
        return new Prediction(labels.get(best), byLabel[best], LabelScores.of(taxonomy, byLabel), flags, "", version,
                Usage.NONE);
    }

    private Prediction priorPrediction() {
        Prediction priors = toPrediction(model.priors(), Set.of());
        String fallback = taxonomy.fallback();
        return new Prediction(fallback, priors.scores().get(fallback), priors.scores(),
                EnumSet.of(Prediction.Flag.FALLBACK), "", version, Usage.NONE);
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public String modelVersion() {
        return version;
    }

    /** What the model was trained on and how it did in cross-validation. */
    public TrainingSummary summary() {
        return summary;
    }

    /** The labels the model was trained on, in taxonomy order (a remapped model keeps its original ones). */
    public List<String> trainedLabels() {
        return model.classes();
    }

    /** What {@link LocalTrainer#retrain} can start from, if this model was trained in this process. */
    Optional<WarmStart> warmStart() {
        return Optional.ofNullable(warmStart);
    }

    /** The features it reads. */
    public FeatureSpec features() {
        return model.spec();
    }

    private ModelFile.Contents contents() {
        return new ModelFile.Contents(model, taxonomy, outputs, summary);
    }

    @Override
    public String toString() {
        return "LocalClassifier[" + version + ", " + model.vocabulary().size() + " features, trained on "
                + summary.rows() + " rows of " + model.classes() + "]";
    }
}
