package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Trainer;
import dev.classifier.embeddings.EmbeddingClassifier.Method;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses an {@link EmbeddingClassifier}'s settings on held-out folds of its training data, one after the other:
 * the weight of the description prior (on the centroid), the method and penalty, whether the unlabelled pool may
 * move the centres, the companion's weight and whether the companion learns from the pool (co-training: each
 * fold's companions learn only from that fold's training rows and the pool articles they label), and whether those
 * articles move the centres too. Where earlier settings are given, each is kept unless another beats it on held-out
 * accuracy by a margin, so that one more example does not flip a choice.
 */
final class HeldOutSearch {

    /** Examples' worth of each description prototype; 0 leaves the descriptions out. */
    static final List<Double> PRIOR_WEIGHTS = List.of(0.0, 2.0, 8.0);
    /** The penalties logistic regression tries. */
    static final List<Double> L2_GRID = List.of(1e-5, 1e-4, 1e-3, 1e-2, 1e-1);
    /**
     * Weights the companion's log-probabilities may get beside the embedding's; 0 means it does not help. Below
     * 0.25 matters on Chinese few-shot sets, where the n-gram model is weak.
     */
    static final List<Double> COMPANION_WEIGHTS = List.of(0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0);
    /** Centroid cosines times this start (and anchor) the logistic regression: a typical fitted inverse temperature. */
    static final double CENTROID_SCALE = 10;
    /** A new choice must beat the earlier one by this much held-out accuracy (or 1.5 examples, if more). */
    static final double MARGIN = 0.01;
    /** Above this many examples the companion is cross-validated on three folds only (it trains 4 times, not 6). */
    static final int FEWER_COMPANION_FOLDS_ABOVE = 1000;

    /**
     * The training data: examples, their unit vectors and classes, folds (a hold-out above
     * {@link Folds#HOLD_OUT_ABOVE}), the folds the blend with the companion is chosen on (all of them at any size),
     * prototypes (or null), pool vectors.
     */
    record Data(List<LabeledArticle> examples, List<String> classes, float[][] x, int[] y, int[] foldOf,
                int[] blendFoldOf, float[][] prior, List<Article> poolArticles, float[][] pool) {

        /** Whether the settings are chosen on one hold-out (then the blend is chosen on every fold). */
        boolean holdOut() {
            return java.util.Arrays.stream(foldOf).anyMatch(fold -> fold < 0);
        }
    }

    /**
     * The settings chosen, the held-out accuracy of each method (AUTO: with the companion), and the chosen settings'
     * held-out probabilities (what label spreading's weight is chosen against).
     */
    record Result(TrainingSettings settings, Map<Method, Double> heldOut, SpreadingChoice.HeldOut probabilities) {
    }

    private final Method method;
    private final int maxIterations;
    private final Trainer companionTrainer;
    private final Taxonomy taxonomy;

    HeldOutSearch(Method method, int maxIterations, Trainer companionTrainer, Taxonomy taxonomy) {
        this.method = method;
        this.maxIterations = maxIterations;
        this.companionTrainer = companionTrainer;
        this.taxonomy = taxonomy;
    }

    /** @param previous the settings to keep unless beaten by a margin, or null */
    Result search(Data data, TrainingSettings previous) {
        Folding folding = new Folding(data.foldOf());
        int[] truth = folding.truth(data.y());
        double margin = Math.max(MARGIN, 1.5 / truth.length);
        Map<Method, Double> heldOut = new EnumMap<>(Method.class);

        double priorWeight = Double.NaN;
        if (data.prior() != null) {
            List<List<double[]>> candidates = new ArrayList<>();
            for (double weight : PRIOR_WEIGHTS) {
                candidates.add(folding.logits(data, (x, y) -> centres(data, x, y, weight)));
            }
            int kept = previous == null ? -1 : PRIOR_WEIGHTS.indexOf(previous.priorWeight());
            priorWeight = PRIOR_WEIGHTS.get(Scores.pick(candidates, truth, kept, margin, false));
        }
        double alpha = priorWeight;

        List<EmbeddingTrainer.Config> configs = configs();
        List<List<double[]>> configLogits = new ArrayList<>();
        for (EmbeddingTrainer.Config config : configs) {
            configLogits.add(folding.logits(data, (x, y) -> model(data, x, y, config, alpha)));
            heldOut.merge(config.method(), Scores.accuracy(configLogits.get(configLogits.size() - 1), truth),
                    Math::max);
        }
        int keptConfig = previous == null ? -1 : configs.indexOf(new EmbeddingTrainer.Config(previous.method(),
                previous.method() == Method.LOGISTIC ? previous.l2() : Double.NaN));
        int chosen = Scores.pick(configLogits, truth, keptConfig, margin, false);
        EmbeddingTrainer.Config config = configs.get(chosen);
        List<double[]> logits = configLogits.get(chosen);

        TrainingSettings.PoolUse pool = TrainingSettings.PoolUse.NONE;
        if (data.pool().length > 0) {
            List<TrainingSettings.PoolUse> uses = new ArrayList<>(List.of(TrainingSettings.PoolUse.NONE,
                    TrainingSettings.PoolUse.CENTRES));
            List<List<double[]>> candidates = new ArrayList<>(List.of(logits));
            for (TrainingSettings.PoolUse use : uses.subList(1, uses.size())) {
                candidates.add(folding.logits(data, (x, y) -> pooled(data, x, y, config, alpha, use)));
            }
            int kept = previous == null ? -1 : previous.pool().movesCentres() ? 1 : 0;
            pool = uses.get(Scores.pick(candidates, truth, kept, margin, true));
            logits = candidates.get(uses.indexOf(pool));
        }
        double temperature = Calibration.fitTemperature(logits, truth);
        SpreadingChoice.HeldOut probabilities = SpreadingChoice.HeldOut.of(folding.tests(folding.count()), logits,
                temperature);

        double companionWeight = 0;
        double combinedTemperature = 1;
        if (companionTrainer != null) {
            // Above the hold-out size the blend (and the embedding's temperature) is chosen on all five folds: on
            // one hold-out the weight is noisy (AG News' whole training split: 2.0 there, 0.75 on five folds).
            Folding blending = data.holdOut() ? new Folding(data.blendFoldOf()) : folding;
            TrainingSettings.PoolUse centresUse = pool;
            List<double[]> blendLogits = logits;
            int[] blendTruth = truth;
            if (data.holdOut()) {
                blendLogits = blending.logits(data, (x, y) -> pooled(data, x, y, config, alpha, centresUse));
                blendTruth = blending.truth(data.y());
                temperature = Calibration.fitTemperature(blendLogits, blendTruth);
            }
            int companionFolds = !data.holdOut() && data.x().length > FEWER_COMPANION_FOLDS_ABOVE
                    ? Math.min(3, blending.count()) : blending.count();
            boolean teach = data.pool().length > 0;
            List<double[]> companion = new ArrayList<>();
            List<double[]> taught = new ArrayList<>();
            List<double[]> coTrained = new ArrayList<>();
            List<double[]> embedding = new ArrayList<>();
            List<Integer> subsetTruth = new ArrayList<>();
            int at = 0;
            for (int fold = 0; fold < blending.count(); fold++) {
                List<Integer> test = blending.test(fold);
                if (fold < companionFolds) {
                    List<Integer> train = blending.train(fold);
                    List<LabeledArticle> rows = train.stream().map(data.examples()::get).toList();
                    List<Article> tested = test.stream().map(i -> data.examples().get(i).article()).toList();
                    try (Classifier first = trainCompanion(rows)) {
                        companion.addAll(CoTraining.probabilities(data.classes(), first, tested));
                        if (teach) {
                            // Only the fold's training rows teach: its held-out rows are what the blend is scored on.
                            float[][] x = train.stream().map(i -> data.x()[i]).toArray(float[][]::new);
                            int[] y = train.stream().mapToInt(i -> data.y()[i]).toArray();
                            LinearModel model = pooled(data, x, y, config, alpha, centresUse);
                            CentreRefinement.Selection pseudo = CoTraining.pseudoLabelled(data.classes(), model,
                                    temperature, first, data.poolArticles(), data.pool(), companionTrainer,
                                    taxonomy, rows);
                            List<LabeledArticle> taughtRows = new ArrayList<>(rows);
                            taughtRows.addAll(CoTraining.rows(data.classes(), data.poolArticles(), pseudo));
                            try (Classifier second = trainCompanion(taughtRows)) {
                                taught.addAll(CoTraining.probabilities(data.classes(), second, tested));
                            }
                            // The same articles may move the centres: the embedding learns from them too.
                            LinearModel moved = coTrained(data.classes(), x, y, data.prior(), data.pool(), config,
                                    alpha, pseudo, maxIterations);
                            test.forEach(i -> coTrained.add(moved.logits(data.x()[i])));
                        }
                    }
                    embedding.addAll(blendLogits.subList(at, at + test.size()));
                    test.forEach(i -> subsetTruth.add(data.y()[i]));
                }
                at += test.size();
            }
            int[] subset = subsetTruth.stream().mapToInt(Integer::intValue).toArray();
            List<List<double[]>> candidates = new ArrayList<>();
            List<Blend> blends = new ArrayList<>();
            for (double weight : COMPANION_WEIGHTS) {
                candidates.add(Companion.combine(embedding, temperature, companion, weight));
                blends.add(new Blend(Taught.NO, weight));
            }
            List<Double> blended = COMPANION_WEIGHTS.subList(1, COMPANION_WEIGHTS.size());
            if (teach) {
                for (double weight : blended) {
                    candidates.add(Companion.combine(embedding, temperature, taught, weight));
                    blends.add(new Blend(Taught.FROM_POOL, weight));
                }
                for (double weight : blended) {
                    // The embedding's temperature as fitted before: the blend's weight and temperature absorb the rest.
                    candidates.add(Companion.combine(coTrained, temperature, taught, weight));
                    blends.add(new Blend(Taught.AND_CENTRES, weight));
                }
            }
            int kept = previous == null ? -1 : blends.indexOf(Blend.of(previous, teach));
            int best = Scores.pick(candidates, subset, kept, margin, true);
            companionWeight = blends.get(best).weight();
            pool = blends.get(best).poolUse(pool);
            heldOut.put(Method.AUTO, Scores.accuracy(candidates.get(best), subset));
            if (companionWeight > 0) {
                combinedTemperature = Calibration.fitTemperature(candidates.get(best), subset);
            }
            probabilities = SpreadingChoice.HeldOut.of(blending.tests(companionFolds), candidates.get(best),
                    combinedTemperature);
        }
        TrainingSettings settings = new TrainingSettings(priorWeight, config.method(), config.l2(), temperature,
                pool, 0, companionWeight, combinedTemperature, 0, 0, data.x().length, false);
        return new Result(settings, heldOut, probabilities);
    }

    /**
     * How a candidate companion learnt: from the examples only, also from the pool articles co-training chose, or
     * from those and they moved the embedding's centres too.
     */
    private enum Taught { NO, FROM_POOL, AND_CENTRES }

    /** A candidate blend with the companion: how the companion learnt and its weight. */
    private record Blend(Taught taught, double weight) {

        /** The candidate an earlier choice stands for (weight 0, or no pool now: the untaught companion's). */
        static Blend of(TrainingSettings previous, boolean teach) {
            TrainingSettings.PoolUse use = previous.pool();
            Taught taught = !teach || previous.companionWeight() == 0 || !use.teachesCompanion() ? Taught.NO
                    : use.coTrainsCentres() ? Taught.AND_CENTRES : Taught.FROM_POOL;
            return new Blend(taught, previous.companionWeight());
        }

        /** The pool's use once this blend is chosen, given its use before the companion (none or the centres). */
        TrainingSettings.PoolUse poolUse(TrainingSettings.PoolUse centres) {
            boolean moved = centres == TrainingSettings.PoolUse.CENTRES;
            return switch (taught) {
                case NO -> centres;
                case FROM_POOL -> moved ? TrainingSettings.PoolUse.CENTRES_AND_COMPANION
                        : TrainingSettings.PoolUse.COMPANION;
                case AND_CENTRES -> moved ? TrainingSettings.PoolUse.CENTRES_AND_CO_TRAINED
                        : TrainingSettings.PoolUse.CO_TRAINED;
            };
        }
    }

    private List<EmbeddingTrainer.Config> configs() {
        List<EmbeddingTrainer.Config> configs = new ArrayList<>();
        if (method != Method.LOGISTIC) {
            configs.add(new EmbeddingTrainer.Config(Method.CENTROID, Double.NaN));
        }
        if (method != Method.CENTROID) {
            L2_GRID.forEach(l2 -> configs.add(new EmbeddingTrainer.Config(Method.LOGISTIC, l2)));
        }
        return configs;
    }

    /** The centres of the given examples, with the prior at its weight. */
    static LinearModel centres(Data data, float[][] x, int[] y, double priorWeight) {
        return Centroids.fit(data.classes(), x, y, data.prior(), Double.isNaN(priorWeight) ? 0 : priorWeight);
    }

    /** A model of the given examples under a configuration (logistic regression anchored at the centres). */
    LinearModel model(Data data, float[][] x, int[] y, EmbeddingTrainer.Config config, double priorWeight) {
        return pooled(data, x, y, config, priorWeight, TrainingSettings.PoolUse.NONE);
    }

    /** {@link #model}, with the pool used as asked. */
    LinearModel pooled(Data data, float[][] x, int[] y, EmbeddingTrainer.Config config, double priorWeight,
                       TrainingSettings.PoolUse use) {
        return build(data.classes(), x, y, data.prior(), data.pool(), config, priorWeight, use, maxIterations).model();
    }

    /** A trained model and how many pool articles shaped it. */
    record Built(LinearModel model, int pseudoLabelled) {
    }

    /** The one recipe, for held-out folds and the final model alike. */
    static Built build(List<String> classes, float[][] x, int[] y, float[][] prior, float[][] pool,
                       EmbeddingTrainer.Config config, double priorWeight, TrainingSettings.PoolUse use,
                       int maxIterations) {
        LinearModel centres = Centroids.fit(classes, x, y, prior, Double.isNaN(priorWeight) ? 0 : priorWeight);
        if (!use.movesCentres() || pool.length == 0) {
            return new Built(config.method() == Method.LOGISTIC
                    ? SoftmaxRegression.fitTowards(centres, CENTROID_SCALE, x, y, config.l2(), maxIterations)
                    : centres, 0);
        }
        CentreRefinement.Refined refined = CentreRefinement.refine(centres, pool);
        return new Built(config.method() == Method.LOGISTIC
                ? SoftmaxRegression.fitTowards(refined.centres(), CENTROID_SCALE, x, y, config.l2(), maxIterations)
                : refined.centres(), refined.pseudoLabelled());
    }

    /**
     * The model of the given examples whose centres the co-trained pool articles moved (towards the mean of each
     * class's articles), then fitted as the configuration says.
     */
    static LinearModel coTrained(List<String> classes, float[][] x, int[] y, float[][] prior, float[][] pool,
                                 EmbeddingTrainer.Config config, double priorWeight,
                                 CentreRefinement.Selection selection, int maxIterations) {
        LinearModel centres = CentreRefinement.towards(
                Centroids.fit(classes, x, y, prior, Double.isNaN(priorWeight) ? 0 : priorWeight), pool, selection);
        return config.method() == Method.LOGISTIC
                ? SoftmaxRegression.fitTowards(centres, CENTROID_SCALE, x, y, config.l2(), maxIterations)
                : centres;
    }

    /** The companion trained on rows, or null where they have fewer than two labels. */
    private Classifier trainCompanion(List<LabeledArticle> rows) {
        if (rows.stream().map(LabeledArticle::label).distinct().count() < 2) {
            return null;
        }
        return companionTrainer.train(rows, taxonomy);
    }
}
