package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.Trainer;
import dev.classifier.api.TrainingRows;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains {@link EmbeddingClassifier}s from labelled articles or feedback. Settings are chosen on the training data
 * only: held-out folds of it pick the method ({@link Method#AUTO}), the logistic regression's penalty, the weight
 * of a companion classifier (if one is given), and fit the softmax temperature.
 *
 * <pre>{@code
 * try (OnnxTextEmbedder model = OnnxTextEmbedder.loadDefault()) {
 *     EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(model).taxonomy(taxonomy).build();
 *     Classifier classifier = trainer.train(feedbackStore);
 * }
 * }</pre>
 */
public final class EmbeddingTrainer implements Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingTrainer.class);
    /** Above this many examples one 20% hold-out replaces k folds: it is as telling and k times cheaper. */
    static final int HOLD_OUT_ABOVE = 2000;
    /** The temperature for cosines when there is too little data to fit one (cosines spread over ~0.1). */
    static final double DEFAULT_CENTROID_TEMPERATURE = 0.05;

    private final TextEmbedder embedder;
    private final Taxonomy taxonomy;
    private final Method method;
    private final int folds;
    private final long seed;
    private final LabelMapping labelMapping;
    private final int maxIterations;
    private final Trainer companionTrainer;

    private EmbeddingTrainer(Builder builder) {
        this.embedder = builder.embedder;
        this.taxonomy = builder.taxonomy;
        this.method = builder.method;
        this.folds = builder.folds;
        this.seed = builder.seed;
        this.labelMapping = builder.labelMapping;
        this.maxIterations = builder.maxIterations;
        this.companionTrainer = builder.companionTrainer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /**
     * Trains on all live feedback of a store: the latest label per article, passed through the label mapping.
     * Wrap the embedder in an {@link EmbeddingCache} and each retraining embeds only what is new.
     */
    public EmbeddingClassifier train(FeedbackStore store) {
        try (Stream<Feedback> feedback = store.stream()) {
            return trainOnFeedback(feedback.toList());
        }
    }

    /** Trains on feedback: the latest label per article, passed through the label mapping. */
    public EmbeddingClassifier trainOnFeedback(Collection<Feedback> feedback) {
        return train(TrainingRows.latestPerArticle(feedback));
    }

    /**
     * The {@link Trainer} of the API, so a {@code RefreshingClassifier} (classifier-local) can retrain embedding
     * classifiers as feedback arrives: trains on the rows under the given taxonomy (which may differ from the
     * builder's).
     *
     * @throws IllegalArgumentException if the rows have fewer than two labels of the taxonomy
     */
    @Override
    public EmbeddingClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy) {
        EmbeddingTrainer trainer = taxonomy.equals(this.taxonomy) ? this : toBuilder().taxonomy(taxonomy).build();
        return trainer.train(rows);
    }

    /** A builder with this trainer's settings. */
    public Builder toBuilder() {
        Builder builder = builder().embedder(embedder).taxonomy(taxonomy).method(method).folds(folds).seed(seed)
                .labelMapping(labelMapping).maxIterations(maxIterations);
        return companionTrainer == null ? builder : builder.companion(companionTrainer);
    }

    /**
     * Trains on labelled articles. Labels pass through the label mapping; examples whose label the taxonomy does
     * not have are left out, counted in {@link TrainingSummary#dropped()} and in one warning.
     *
     * @throws IllegalArgumentException if the examples left have fewer than two labels: a model of one label would
     *                                  give it to every article
     */
    public EmbeddingClassifier train(Collection<LabeledArticle> examples) {
        LabelMapping.Applied<LabeledArticle> applied = labelMapping.applyToLabeled(examples, taxonomy);
        List<LabeledArticle> kept = applied.kept();
        if (applied.droppedCount() > 0) {
            LOG.warn("left out {} of {} training examples whose label is not in the taxonomy {} (after the label"
                    + " mapping), by label: {}", applied.droppedCount(), examples.size(), taxonomy.labels(),
                    new TreeMap<>(applied.dropped()));
        }
        Map<String, Long> perLabel = kept.stream().collect(
                Collectors.groupingBy(LabeledArticle::label, TreeMap::new, Collectors.counting()));
        if (perLabel.size() < 2) {
            throw new IllegalArgumentException("training needs examples of at least two labels of the taxonomy "
                    + taxonomy.labels() + ", but the examples left have " + (perLabel.isEmpty() ? "none" : "one: "
                    + perLabel) + " (a model of one label would give it to every article); examples left out by"
                    + " label: " + new TreeMap<>(applied.dropped()));
        }
        List<float[]> vectors = embedder.embedAll(kept.stream().map(e -> e.article().text()).toList());
        return fit(kept, vectors, applied.dropped());
    }

    /** Trains on examples whose vectors (from this trainer's embedder) are known already. */
    EmbeddingClassifier fit(List<LabeledArticle> examples, List<float[]> vectors, Map<String, Integer> dropped) {
        List<String> classes = new ArrayList<>();
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        for (LabeledArticle example : examples) {
            perLabel.merge(example.label(), 1, Integer::sum);
        }
        for (String label : taxonomy.labels()) {
            if (perLabel.containsKey(label)) {
                classes.add(label);
            }
        }
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = unit(vectors.get(i));
            y[i] = classes.indexOf(examples.get(i).label());
        }
        int[] foldOf = assignFolds(y, classes.size());
        Choice choice = foldOf.length == 0 ? Choice.without(method) : choose(examples, classes, x, y, foldOf);
        LinearModel model = fitConfig(choice.config(), classes, x, y).withTemperature(choice.temperature());
        Optional<Companion> companion = Optional.empty();
        if (choice.companionWeight() > 0) {
            companion = Optional.of(new Companion(companionTrainer.train(examples, taxonomy), choice.companionWeight(),
                    choice.combinedTemperature()));
        }
        TrainingSummary summary = new TrainingSummary(choice.config().method(), examples.size(), perLabel, dropped,
                choice.heldOut(), choice.config().l2(), choice.temperature(), choice.companionWeight());
        LOG.debug("Trained {}", summary);
        return new EmbeddingClassifier(taxonomy, embedder, Optional.of(model), companion, summary);
    }

    /** A method and its penalty (NaN for the centroid). */
    record Config(Method method, double l2) {
    }

    /** What held-out data chose. */
    private record Choice(Config config, double temperature, Map<Method, Double> heldOut, double companionWeight,
                          double combinedTemperature) {

        static Choice without(Method method) {
            Config config = method == Method.LOGISTIC ? new Config(Method.LOGISTIC, L2_GRID.get(0))
                    : new Config(Method.CENTROID, Double.NaN);
            double temperature = method == Method.LOGISTIC ? 1.0 : DEFAULT_CENTROID_TEMPERATURE;
            return new Choice(config, temperature, Map.of(), 0.0, 1.0);
        }
    }

    /** The penalties logistic regression tries; held-out data picks one. */
    static final List<Double> L2_GRID = List.of(1e-4, 1e-3, 1e-2, 1e-1);
    /**
     * Weights the companion's log-probabilities may get beside the embedding's; 0 means it does not help. Below
     * 0.25 matters on Chinese few-shot sets, where the n-gram model is weak (THUCNews, 32 per class: 79.2 to 79.6).
     */
    static final List<Double> COMPANION_WEIGHTS = List.of(0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0);
    /** Centroid cosines times this start (and anchor) the logistic regression: a typical fitted inverse temperature. */
    static final double CENTROID_SCALE = 10;

    private List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        if (method != Method.LOGISTIC) {
            configs.add(new Config(Method.CENTROID, Double.NaN));
        }
        if (method != Method.CENTROID) {
            L2_GRID.forEach(l2 -> configs.add(new Config(Method.LOGISTIC, l2)));
        }
        return configs;
    }

    private LinearModel fitConfig(Config config, List<String> classes, float[][] x, int[] y) {
        LinearModel centroids = Centroids.fit(classes, x, y);
        return config.method() == Method.LOGISTIC
                ? SoftmaxRegression.fitTowards(centroids, CENTROID_SCALE, x, y, config.l2(), maxIterations)
                : centroids;
    }

    /**
     * Scores every configuration (and the companion) on held-out folds; picks the most accurate configuration
     * (logistic regression must beat the centroid outright), its temperature, and the companion's weight if it
     * adds accuracy.
     */
    private Choice choose(List<LabeledArticle> examples, List<String> classes, float[][] x, int[] y, int[] foldOf) {
        List<Config> configs = configs();
        List<List<double[]>> logits = new ArrayList<>();
        configs.forEach(c -> logits.add(new ArrayList<>()));
        List<double[]> companionProbabilities = new ArrayList<>();
        List<Integer> truths = new ArrayList<>();
        int folds = Arrays.stream(foldOf).max().orElse(0) + 1;
        for (int fold = 0; fold < folds; fold++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                (foldOf[i] == fold ? test : train).add(i);
            }
            if (test.isEmpty() || train.isEmpty()) {
                continue;
            }
            float[][] trainX = pick(x, train);
            int[] trainY = pick(y, train);
            for (int c = 0; c < configs.size(); c++) {
                LinearModel model = fitConfig(configs.get(c), classes, trainX, trainY);
                for (int i : test) {
                    logits.get(c).add(model.logits(x[i]));
                }
            }
            if (companionTrainer != null) {
                companionProbabilities.addAll(companionProbabilities(classes,
                        train.stream().map(examples::get).toList(), test.stream().map(examples::get).toList()));
            }
            test.forEach(truths::add);
        }
        int[] truth = truths.stream().mapToInt(i -> y[i]).toArray();
        Map<Method, Double> heldOut = new EnumMap<>(Method.class);
        int best = -1;
        double bestAccuracy = -1;
        for (int c = 0; c < configs.size(); c++) {
            double accuracy = accuracy(logits.get(c), truth);
            heldOut.merge(configs.get(c).method(), accuracy, Math::max);
            if (accuracy > bestAccuracy) { // strictly: ties keep the centroid, which comes first
                best = c;
                bestAccuracy = accuracy;
            }
        }
        Config config = configs.get(best);
        double temperature = Calibration.fitTemperature(logits.get(best), truth);
        if (companionTrainer == null) {
            return new Choice(config, temperature, heldOut, 0.0, 1.0);
        }
        double bestWeight = 0;
        List<double[]> bestCombined = null;
        for (double weight : COMPANION_WEIGHTS) {
            List<double[]> combined = Companion.combine(logits.get(best), temperature, companionProbabilities, weight);
            double accuracy = accuracy(combined, truth);
            if (accuracy > bestAccuracy) {
                bestAccuracy = accuracy;
                bestWeight = weight;
                bestCombined = combined;
            }
        }
        heldOut.put(Method.AUTO, bestAccuracy);
        double combinedTemperature = bestCombined == null ? 1.0 : Calibration.fitTemperature(bestCombined, truth);
        return new Choice(config, temperature, heldOut, bestWeight, combinedTemperature);
    }

    /** The companion, trained on {@code train}, on each of {@code test}: probabilities in class order. */
    private List<double[]> companionProbabilities(List<String> classes, List<LabeledArticle> train,
                                                  List<LabeledArticle> test) {
        try (Classifier companion = companionTrainer.train(train, taxonomy)) {
            List<Outcome> outcomes = companion.classifyAll(test.stream().map(LabeledArticle::article).toList());
            List<double[]> out = new ArrayList<>(outcomes.size());
            for (Outcome outcome : outcomes) {
                out.add(Companion.probabilities(classes, outcome.predictionIfAny()));
            }
            return out;
        }
    }

    private static double accuracy(List<double[]> logits, int[] truth) {
        int correct = 0;
        for (int i = 0; i < truth.length; i++) {
            if (argmax(logits.get(i)) == truth[i]) {
                correct++;
            }
        }
        return (double) correct / truth.length;
    }

    /**
     * Stratified folds (each class dealt round-robin after a seeded shuffle), or one 20% hold-out for large data
     * (fold 0; the others are -1, never tested). Empty when there is too little data: fewer than two classes, or no class with two examples.
     */
    int[] assignFolds(int[] y, int classes) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < y.length; i++) {
            byClass.get(y[i]).add(i);
        }
        int largest = byClass.stream().mapToInt(List::size).max().orElse(0);
        if (classes < 2 || largest < 2) {
            return new int[0];
        }
        boolean holdOut = y.length > HOLD_OUT_ABOVE;
        int count = holdOut ? 5 : Math.min(folds, largest);
        int[] foldOf = new int[y.length];
        Random random = new Random(seed);
        int dealt = 0;
        for (List<Integer> members : byClass) {
            Collections.shuffle(members, random);
            for (Integer member : members) {
                // Continue the deal across classes, so small classes do not all start in fold 0.
                foldOf[member] = dealt++ % count;
            }
        }
        if (holdOut) {
            // Fold 0 is the hold-out; the rest (-1) only ever trains.
            for (int i = 0; i < foldOf.length; i++) {
                foldOf[i] = foldOf[i] == 0 ? 0 : -1;
            }
        }
        return foldOf;
    }

    private static float[][] pick(float[][] x, List<Integer> rows) {
        float[][] out = new float[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[rows.get(i)];
        }
        return out;
    }

    private static int[] pick(int[] y, List<Integer> rows) {
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[rows.get(i)];
        }
        return out;
    }

    static int argmax(double[] z) {
        int best = 0;
        for (int k = 1; k < z.length; k++) {
            if (z[k] > z[best]) {
                best = k;
            }
        }
        return best;
    }

    private static float[] unit(float[] vector) {
        float[] copy = vector.clone();
        OnnxTextEmbedder.normalise(copy);
        return copy;
    }

    @Override
    public String toString() {
        return "EmbeddingTrainer[" + embedder.modelId() + ", " + method + ", " + taxonomy.labels().size() + " labels]";
    }

    /** Fail-fast configuration of an {@link EmbeddingTrainer}. */
    public static final class Builder {
        private TextEmbedder embedder;
        private Taxonomy taxonomy;
        private Method method = Method.AUTO;
        private int folds = 5;
        private long seed = 42;
        private LabelMapping labelMapping = LabelMapping.identity();
        private int maxIterations = 200;
        private Trainer companionTrainer;

        private Builder() {
        }

        /**
         * A classifier to combine with where held-out data says it adds accuracy, typically the local n-gram
         * model ({@code LocalClassifier.trainer()}, with classifier-local on the class path): lexical and
         * semantic evidence err differently. It is trained on the same examples, and on each fold while its
         * weight is chosen.
         */
        public Builder companion(Trainer companionTrainer) {
            this.companionTrainer = Objects.requireNonNull(companionTrainer, "companionTrainer");
            return this;
        }

        /** The model that embeds examples and articles (wrap it in an {@link EmbeddingCache} to embed once). */
        public Builder embedder(TextEmbedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
            return this;
        }

        public Builder taxonomy(Taxonomy taxonomy) {
            this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
            return this;
        }

        /** Default {@link Method#AUTO}. */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Folds for choosing the method and calibrating (up to 2,000 examples; above, one 20% hold-out). */
        public Builder folds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, was " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Seed of the fold assignment; default 42. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Applied to every example's label before training; default identity. */
        public Builder labelMapping(LabelMapping labelMapping) {
            this.labelMapping = Objects.requireNonNull(labelMapping, "labelMapping");
            return this;
        }

        /** L-BFGS iterations at most for the logistic regression; default 200. */
        public Builder maxIterations(int maxIterations) {
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, was " + maxIterations);
            }
            this.maxIterations = maxIterations;
            return this;
        }

        public EmbeddingTrainer build() {
            if (embedder == null) {
                throw new IllegalStateException("set the embedder of the trainer");
            }
            if (taxonomy == null) {
                throw new IllegalStateException("set the taxonomy of the trainer");
            }
            return new EmbeddingTrainer(this);
        }
    }

}
