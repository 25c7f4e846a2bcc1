package dev.classifier.embeddings;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Trains {@link EmbeddingClassifier}s from labelled articles or feedback. Settings are chosen on the training data
 * only: held-out folds of it pick the method ({@link Method#AUTO}) and fit the softmax temperature.
 *
 * <pre>{@code
 * try (OnnxTextEmbedder model = OnnxTextEmbedder.loadDefault()) {
 *     EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(model).taxonomy(taxonomy).build();
 *     Classifier classifier = trainer.train(feedbackStore);
 * }
 * }</pre>
 */
public final class EmbeddingTrainer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingTrainer.class);
    /** Above this many examples one 20% hold-out replaces k folds: it is as telling and k times cheaper. */
    static final int HOLD_OUT_ABOVE = 2000;
    /** The temperature for cosines when there is too little data to fit one (cosines spread over ~0.1). */
    static final double DEFAULT_CENTROID_TEMPERATURE = 0.05;

    private final TextEmbedder embedder;
    private final Taxonomy taxonomy;
    private final Method method;
    private final double l2;
    private final int folds;
    private final long seed;
    private final LabelMapping labelMapping;
    private final int maxIterations;

    private EmbeddingTrainer(Builder builder) {
        this.embedder = builder.embedder;
        this.taxonomy = builder.taxonomy;
        this.method = builder.method;
        this.l2 = builder.l2;
        this.folds = builder.folds;
        this.seed = builder.seed;
        this.labelMapping = builder.labelMapping;
        this.maxIterations = builder.maxIterations;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Taxonomy taxonomy() {
        return taxonomy;
    }

    /** Trains on all live feedback of a store (its labels passed through the label mapping). */
    public EmbeddingClassifier train(FeedbackStore store) {
        try (Stream<Feedback> feedback = store.stream()) {
            return trainOnFeedback(feedback.toList());
        }
    }

    public EmbeddingClassifier trainOnFeedback(Collection<Feedback> feedback) {
        return train(feedback.stream().map(Feedback::toLabeled).toList());
    }

    /**
     * Trains on labelled articles. Labels pass through the label mapping; examples whose label the taxonomy does
     * not have are left out and counted in {@link TrainingSummary#dropped()}.
     */
    public EmbeddingClassifier train(Collection<LabeledArticle> examples) {
        LabelMapping.Applied<LabeledArticle> applied = labelMapping.applyToLabeled(examples, taxonomy);
        List<LabeledArticle> kept = applied.kept();
        if (applied.droppedCount() > 0) {
            LOG.info("Training left out {} examples whose labels the taxonomy lacks: {}", applied.droppedCount(),
                    applied.dropped());
        }
        List<float[]> vectors = kept.isEmpty() ? List.of()
                : embedder.embedAll(kept.stream().map(e -> e.article().text()).toList());
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
        Method chosen = method == Method.AUTO ? Method.CENTROID : method;
        if (classes.isEmpty()) {
            return new EmbeddingClassifier(taxonomy, embedder, Optional.empty(),
                    new TrainingSummary(chosen, 0, perLabel, dropped, Map.of(), 1.0));
        }
        float[][] x = new float[examples.size()][];
        int[] y = new int[examples.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = unit(vectors.get(i));
            y[i] = classes.indexOf(examples.get(i).label());
        }
        Map<Method, Double> heldOut = new EnumMap<>(Method.class);
        Map<Method, Double> temperatures = new EnumMap<>(Method.class);
        int[] foldOf = assignFolds(y, classes.size());
        if (foldOf.length > 0) {
            for (Method candidate : candidates()) {
                Validation validation = validate(candidate, classes, x, y, foldOf);
                heldOut.put(candidate, validation.accuracy());
                temperatures.put(candidate, validation.temperature());
            }
            if (method == Method.AUTO) {
                // Logistic regression must win outright: the centroid is cheaper and steadier on few examples.
                chosen = heldOut.get(Method.LOGISTIC) > heldOut.get(Method.CENTROID) ? Method.LOGISTIC : Method.CENTROID;
            }
        }
        double temperature = temperatures.getOrDefault(chosen,
                chosen == Method.CENTROID ? DEFAULT_CENTROID_TEMPERATURE : 1.0);
        LinearModel model = fitMethod(chosen, classes, x, y).withTemperature(temperature);
        TrainingSummary summary = new TrainingSummary(chosen, examples.size(), perLabel, dropped, heldOut, temperature);
        LOG.debug("Trained {}", summary);
        return new EmbeddingClassifier(taxonomy, embedder, Optional.of(model), summary);
    }

    private List<Method> candidates() {
        return method == Method.AUTO ? List.of(Method.CENTROID, Method.LOGISTIC) : List.of(method);
    }

    private LinearModel fitMethod(Method which, List<String> classes, float[][] x, int[] y) {
        return which == Method.LOGISTIC
                ? SoftmaxRegression.fit(classes, x, y, l2, maxIterations)
                : Centroids.fit(classes, x, y);
    }

    private record Validation(double accuracy, double temperature) {
    }

    /** Out-of-fold scores of one method: their accuracy, and the temperature that calibrates them. */
    private Validation validate(Method which, List<String> classes, float[][] x, int[] y, int[] foldOf) {
        int foldCount = 0;
        for (int f : foldOf) {
            foldCount = Math.max(foldCount, f + 1);
        }
        List<double[]> logits = new ArrayList<>();
        List<Integer> truths = new ArrayList<>();
        int correct = 0;
        for (int fold = 0; fold < foldCount; fold++) {
            List<Integer> train = new ArrayList<>();
            List<Integer> test = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                (foldOf[i] == fold ? test : train).add(i);
            }
            if (test.isEmpty() || train.isEmpty()) {
                continue;
            }
            LinearModel model = fitMethod(which, classes, pick(x, train), pick(y, train));
            for (int i : test) {
                double[] z = model.logits(x[i]);
                logits.add(z);
                truths.add(y[i]);
                if (argmax(z) == y[i]) {
                    correct++;
                }
            }
        }
        int[] truth = truths.stream().mapToInt(Integer::intValue).toArray();
        return new Validation((double) correct / truth.length, Calibration.fitTemperature(logits, truth));
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
        private double l2 = 1e-3;
        private int folds = 5;
        private long seed = 42;
        private LabelMapping labelMapping = LabelMapping.identity();
        private int maxIterations = 200;

        private Builder() {
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

        /** L2 penalty of the logistic regression, per example; default 0.001. */
        public Builder l2(double l2) {
            if (!(l2 >= 0) || Double.isInfinite(l2)) {
                throw new IllegalArgumentException("l2 must be a finite number >= 0, was " + l2);
            }
            this.l2 = l2;
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
