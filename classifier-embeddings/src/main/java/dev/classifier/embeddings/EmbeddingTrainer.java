package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.api.Trainer;
import dev.classifier.api.TrainingRows;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import dev.classifier.local.LocalClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Trains {@link EmbeddingClassifier}s from labelled articles or feedback, and from the taxonomy's descriptions:
 * each category's description and the parts it lists (its label when it has none), read as queries behind the
 * embedding model's retrieval instruction, become a prototype vector, so a classifier answers with no feedback at
 * all, and the prototypes act as a prior while examples are few. By default the local n-gram model joins as a
 * companion (lexical and semantic evidence err differently) where held-out data says it adds accuracy.
 *
 * <p>Settings are chosen on the training data only: held-out folds of it pick the prior's weight, the method
 * ({@link Method#AUTO}), the logistic regression's penalty, whether an unlabelled pool may move the class centres,
 * the companion's weight, label spreading's weight over the examples and the pool, and fit the softmax
 * temperatures. A trainer remembers its last choice: it searches again
 * only when the examples changed by more than a tenth, and then keeps each setting unless another beats it by a
 * margin, so that a retrain after one correction does not move the settings (see {@link TrainingSettings}).
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
    /** The temperature for cosines when there is too little data to fit one (cosines spread over ~0.1). */
    static final double DEFAULT_CENTROID_TEMPERATURE = 0.05;
    /** The prior's weight (examples' worth) when there is too little data to choose one. */
    static final double DEFAULT_PRIOR_WEIGHT = 2.0;

    private final TextEmbedder embedder;
    private final Taxonomy taxonomy;
    private final Method method;
    private final int folds;
    private final long seed;
    private final LabelMapping labelMapping;
    private final int maxIterations;
    private final Trainer companionTrainer;
    private final boolean descriptionPrior;
    private final Map<String, List<String>> phrases;
    /** The instruction before description texts; null: the embedding model's own ({@link PrototypeTexts}). */
    private final String instruction;
    /** Fits the classifiers; keeps the last search's settings between trainings. */
    private final EmbeddingFit fitting;

    private EmbeddingTrainer(Builder builder) {
        this.embedder = builder.embedder;
        this.taxonomy = builder.taxonomy;
        this.method = builder.method;
        this.folds = builder.folds;
        this.seed = builder.seed;
        this.labelMapping = builder.labelMapping;
        this.maxIterations = builder.maxIterations;
        this.companionTrainer = builder.companionTrainer;
        this.descriptionPrior = builder.descriptionPrior;
        this.phrases = Map.copyOf(builder.phrases);
        this.instruction = builder.instruction;
        this.fitting = new EmbeddingFit(embedder, taxonomy, method, folds, seed, maxIterations, companionTrainer,
                descriptionPrior, phrases, prototypeInstruction());
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
        return train(store, List.of());
    }

    /**
     * Trains on a store's live feedback and a pool of unlabelled articles ({@link #train(Collection, Collection)});
     * the store is only read: nothing inferred from the pool is added to it.
     */
    public EmbeddingClassifier train(FeedbackStore store, Collection<Article> unlabelled) {
        try (Stream<Feedback> feedback = store.stream()) {
            return train(TrainingRows.latestPerArticle(feedback.toList()), unlabelled);
        }
    }

    /** Trains on feedback: the latest label per article, passed through the label mapping. */
    public EmbeddingClassifier trainOnFeedback(Collection<Feedback> feedback) {
        return train(TrainingRows.latestPerArticle(feedback));
    }

    /**
     * The {@link Trainer} of the API, so a {@code RefreshingClassifier} (classifier-local) can retrain embedding
     * classifiers as feedback arrives: trains on the rows under the given taxonomy (which may differ from the
     * builder's; a different one starts with no remembered settings).
     *
     * @throws IllegalArgumentException as {@link #train(Collection)}
     */
    @Override
    public EmbeddingClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy) {
        EmbeddingTrainer trainer = taxonomy.equals(this.taxonomy) ? this : toBuilder().taxonomy(taxonomy).build();
        return trainer.train(rows);
    }

    /** A builder with this trainer's settings (the new trainer remembers no earlier choice). */
    public Builder toBuilder() {
        Builder builder = builder().embedder(embedder).taxonomy(taxonomy).method(method).folds(folds).seed(seed)
                .labelMapping(labelMapping).maxIterations(maxIterations).descriptionPrior(descriptionPrior);
        phrases.forEach(builder::examplePhrases);
        if (instruction != null) {
            builder.descriptionInstruction(instruction);
        }
        return companionTrainer == null ? builder.noCompanion() : builder.companion(companionTrainer);
    }

    /**
     * Trains on labelled articles. Labels pass through the label mapping; examples whose label the taxonomy does
     * not have are left out, counted in {@link TrainingSummary#dropped()} and in one warning. With the description
     * prior (the default) any number of examples will do, none included: labels without examples are scored by
     * their prototypes.
     *
     * @throws IllegalArgumentException without the description prior, if the examples left have fewer than two
     *                                  labels: a model of one label would give it to every article
     */
    public EmbeddingClassifier train(Collection<LabeledArticle> examples) {
        return train(examples, List.of());
    }

    /**
     * Trains on labelled articles and a pool of unlabelled ones (articles the classifier will see anyway): the pool
     * may move the class centres towards where its articles lie, the articles the blend of embedding and
     * companion is surest of may teach the companion (co-training), and the examples' labels may spread over a
     * nearest-neighbour graph of the examples and the pool (label spreading; the classifier then keeps the graph's
     * vectors and scans them for each article), each only where held-out folds of the labelled examples show a
     * gain. What the pool's articles were taken for stays inside the model: nothing is
     * stored or returned. Pool articles that are also among the examples (same id) are left out of the pool.
     *
     * @throws IllegalArgumentException as {@link #train(Collection)}
     */
    public EmbeddingClassifier train(Collection<LabeledArticle> examples, Collection<Article> unlabelled) {
        Objects.requireNonNull(unlabelled, "unlabelled");
        LabelMapping.Applied<LabeledArticle> applied = labelMapping.applyToLabeled(examples, taxonomy);
        List<LabeledArticle> kept = applied.kept();
        if (applied.droppedCount() > 0) {
            LOG.warn("left out {} of {} training examples whose label is not in the taxonomy {} (after the label"
                    + " mapping), by label: {}", applied.droppedCount(), examples.size(), taxonomy.labels(),
                    new TreeMap<>(applied.dropped()));
        }
        Map<String, Long> perLabel = kept.stream().collect(
                Collectors.groupingBy(LabeledArticle::label, TreeMap::new, Collectors.counting()));
        if (perLabel.size() < 2 && !descriptionPrior) {
            throw new IllegalArgumentException("training needs examples of at least two labels of the taxonomy "
                    + taxonomy.labels() + ", but the examples left have " + (perLabel.isEmpty() ? "none" : "one: "
                    + perLabel) + " (a model of one label would give it to every article); examples left out by"
                    + " label: " + new TreeMap<>(applied.dropped()));
        }
        Set<String> labelled = kept.stream().map(e -> e.article().id()).collect(Collectors.toSet());
        List<Article> pool = unlabelled.stream().filter(a -> !labelled.contains(a.id())).toList();
        List<float[]> vectors = kept.isEmpty() ? List.of()
                : embedder.embedAll(kept.stream().map(e -> e.article().text()).toList());
        List<float[]> poolVectors = pool.isEmpty() ? List.of()
                : embedder.embedAll(pool.stream().map(Article::text).toList());
        return fit(kept, vectors, applied.dropped(), pool, poolVectors);
    }

    /** Trains on examples (and pool articles) whose vectors from this trainer's embedder are known already. */
    EmbeddingClassifier fit(List<LabeledArticle> examples, List<float[]> vectors, Map<String, Integer> dropped,
                            List<Article> poolArticles, List<float[]> poolVectors) {
        return fitting.fit(examples, vectors, dropped, poolArticles, poolVectors);
    }

    /**
     * The text put before each description text: the one set on the builder, else the embedding model's retrieval
     * query instruction where the model is known to have one (BGE v1.5), else none.
     */
    String prototypeInstruction() {
        return instruction != null ? instruction : PrototypeTexts.instructionFor(embedder.modelId()).orElse("");
    }

    /** A method and its penalty (NaN for the centroid). */
    record Config(Method method, double l2) {
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
        private Trainer companionTrainer = LocalClassifier.trainer();
        private boolean descriptionPrior = true;
        private final Map<String, List<String>> phrases = new LinkedHashMap<>();
        private String instruction;

        private Builder() {
        }

        /**
         * The classifier to combine with where held-out data says it adds accuracy; by default the local n-gram
         * model ({@code LocalClassifier.trainer()}). It is trained on the same examples, and on held-out folds
         * while its weight is chosen (3 folds above 1,000 examples, one hold-out above 2,000).
         */
        public Builder companion(Trainer companionTrainer) {
            this.companionTrainer = Objects.requireNonNull(companionTrainer, "companionTrainer");
            return this;
        }

        /** No companion: the embedding alone (faster to train; on the benchmark sets never better, see README). */
        public Builder noCompanion() {
            this.companionTrainer = null;
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

        /**
         * Whether the categories' labels and descriptions (and example phrases) become prototypes: a classifier
         * with no examples, and a prior while they are few. Default true; false refuses training on fewer than
         * two labels and gives labels without examples probability 0.
         */
        public Builder descriptionPrior(boolean descriptionPrior) {
            this.descriptionPrior = descriptionPrior;
            return this;
        }

        /**
         * The text put before each description text when the prototypes are embedded; empty for none. By default
         * the embedding model's retrieval query instruction where it has one: a description is a query against
         * articles (bge-small-en-v1.5: "Represent this sentence for searching relevant passages: ", bge-small-zh-v1.5:
         * "为这个句子生成表示以用于检索相关文章："), none for other models. Example phrases never get it.
         */
        public Builder descriptionInstruction(String instruction) {
            this.instruction = Objects.requireNonNull(instruction, "instruction");
            return this;
        }

        /** Phrases typical of a category, embedded into its prototype beside its description. */
        public Builder examplePhrases(String label, List<String> examplePhrases) {
            Objects.requireNonNull(label, "label");
            examplePhrases.forEach(phrase -> {
                if (phrase == null || phrase.isBlank()) {
                    throw new IllegalArgumentException("an example phrase of '" + label + "' is blank");
                }
            });
            phrases.put(label, List.copyOf(examplePhrases));
            return this;
        }

        /** Default {@link Method#AUTO}. */
        public Builder method(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Folds for choosing the settings and calibrating (up to 2,000 examples; above, one 20% hold-out). */
        public Builder folds(int folds) {
            if (folds < 2) {
                throw new IllegalArgumentException("folds must be >= 2, was " + folds);
            }
            this.folds = folds;
            return this;
        }

        /** Seed of the fold assignment (a hash of each article id and the seed); default 42. */
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
            phrases.keySet().forEach(label -> {
                if (!taxonomy.contains(label)) {
                    throw new IllegalStateException("example phrases for '" + label + "', which the taxonomy "
                            + taxonomy.labels() + " lacks");
                }
            });
            return new EmbeddingTrainer(this);
        }
    }
}
