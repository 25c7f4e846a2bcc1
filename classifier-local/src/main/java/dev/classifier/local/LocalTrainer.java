package dev.classifier.local;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.api.TrainingRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Trains {@link LocalClassifier}s: TF-IDF (sublinear tf, smoothed idf, L2-normalised) over the n-grams of
 * {@link FeatureSpec}, a one-versus-rest linear SVM per class ({@link LinearSvm}), and a softmax temperature fitted
 * on cross-validated margins so that probabilities are calibrated. The same seed and rows give the same model,
 * byte for byte, whatever the parallelism: each class and fold is trained alone with its own derived seed.
 */
public final class LocalTrainer implements Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTrainer.class);

    /**
     * Inverse temperature used when there is too little data to fit one (fewer than two classes or too few rows
     * for the folds): the middle of what cross-validation fits on the benchmark sets, from 8 rows per class up.
     */
    static final double DEFAULT_BETA = 4.0;
    /** How many of the latest training texts a new model reads to remember their words. */
    static final int TEXTS_TO_MEET = 20_000;

    private final long seed;
    private final double c;
    private final FeatureSpec features;
    /** Folds of the calibrating cross-validation; empty: chosen by the number of rows. */
    private final OptionalInt calibrationFolds;
    private final double tolerance;
    private final int maxEpochs;
    private final int parallelism;
    private final int minDf;
    private final int warmStartAbove;

    private LocalTrainer(Builder b) {
        this.minDf = b.minDf;
        this.warmStartAbove = b.warmStartAbove;
        this.seed = b.seed;
        this.c = b.c;
        this.features = b.features;
        this.calibrationFolds = b.calibrationFolds;
        this.tolerance = b.tolerance;
        this.maxEpochs = b.maxEpochs;
        this.parallelism = b.parallelism;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public LocalClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy) {
        return train(rows, taxonomy, LabelMapping.identity());
    }

    /** Trains on all live feedback of the store: the latest label per article, mapped onto the taxonomy. */
    public LocalClassifier train(FeedbackStore store, Taxonomy taxonomy, LabelMapping mapping) {
        List<Feedback> feedback;
        try (Stream<Feedback> stream = store.stream()) {
            feedback = stream.toList();
        }
        return train(TrainingRows.latestPerArticle(feedback), taxonomy, mapping);
    }

    /**
     * Trains on the rows after mapping their labels onto the taxonomy; rows the mapping drops, or whose label the
     * taxonomy lacks, are left out, with one warning that counts them by label.
     *
     * @throws IllegalArgumentException if the rows left have fewer than two labels: a model of one label would give
     *                                  it to every article
     */
    public LocalClassifier train(List<LabeledArticle> rows, Taxonomy taxonomy, LabelMapping mapping) {
        return fit(rows, taxonomy, mapping, null);
    }

    /**
     * Retrains starting from {@code previous}, when it is a {@link LocalClassifier} this trainer's settings made for
     * this taxonomy and the rows number at least {@code warmStartAbove}: each row of the same article and label
     * starts the solver where the previous training ended it (a few passes instead of tens), and the calibrating
     * temperature (the one setting fitted on the data) is kept while the rows stay within a quarter of those it was
     * fitted on, so that one new row never moves it. Otherwise, and for a model loaded from a file, it trains from
     * scratch. The features are read afresh, so the model is the one {@link #train} would make up to the solver's
     * tolerance, not byte for byte; it is deterministic given {@code previous} and the rows.
     */
    @Override
    public LocalClassifier retrain(TrainedClassifier previous, List<LabeledArticle> rows, Taxonomy taxonomy) {
        Objects.requireNonNull(previous, "previous");
        WarmStart warm = previous instanceof LocalClassifier local && rows.size() >= warmStartAbove
                ? local.warmStart().filter(w -> w.fits(settingsKey(), taxonomy)).orElse(null) : null;
        return fit(rows, taxonomy, LabelMapping.identity(), warm);
    }

    private LocalClassifier fit(List<LabeledArticle> rows, Taxonomy taxonomy, LabelMapping mapping, WarmStart warm) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(taxonomy, "taxonomy");
        Objects.requireNonNull(mapping, "mapping");
        long started = System.nanoTime();
        LabelMapping.Applied<LabeledArticle> applied = mapping.applyToLabeled(rows, taxonomy);
        if (applied.droppedCount() > 0) {
            LOG.warn("left out {} of {} training rows whose label is not in the taxonomy {} (after the label mapping),"
                    + " by label: {}", applied.droppedCount(), rows.size(), taxonomy.labels(),
                    new TreeMap<>(applied.dropped()));
        }
        List<LabeledArticle> kept = applied.kept();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no training row has a label of the taxonomy " + taxonomy.labels()
                    + "; rows left out by label: " + applied.dropped());
        }
        List<String> classes = taxonomy.labels().stream()
                .filter(label -> kept.stream().anyMatch(r -> r.label().equals(label))).toList();
        int[] y = new int[kept.size()];
        Map<String, Integer> perLabel = new LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
            y[i] = classes.indexOf(kept.get(i).label());
            perLabel.merge(kept.get(i).label(), 1, Integer::sum);
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("training needs rows of at least two labels of the taxonomy "
                    + taxonomy.labels() + ", but all rows left have one: " + perLabel + " (a model of one label would"
                    + " give it to every article); rows left out by label: " + new TreeMap<>(applied.dropped()));
        }
        ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism, TrainingTasks.daemonThreads()) : null;
        try {
            List<String> texts = kept.stream().map(r -> r.article().text()).toList();
            TfIdf tfIdf = TfIdf.fit(texts, features, minDf,
                    task -> TrainingTasks.runAll(pool, task));
            SparseRows x = tfIdf.rows();
            int classCount = classes.size();
            Calibrator.Calibration keptCalibration = warm == null ? null : warm.calibrationFor(y.length);
            Calibrator.Calibration calibration = keptCalibration != null ? keptCalibration
                    : new Calibrator(svm(), this::derivedSeed, tasks -> TrainingTasks.runAll(pool, tasks))
                            .calibrate(x, y, classCount, calibrationFolds.orElse(autoFolds(y.length)), DEFAULT_BETA);
            int[] reused = new int[1];
            double[][] alpha = warm == null ? new double[classCount][y.length]
                    : warm.startingDual(kept, y, classes, reused);
            float[] weights = new float[x.width() * classCount];
            float[] bias = new float[classCount];
            trainAllClasses(x, y, classCount, weights, bias, alpha, pool);
            double[] priors = new double[classCount];
            for (int label : y) {
                priors[label]++;
            }
            for (int k = 0; k < classCount; k++) {
                priors[k] /= y.length;
            }
            // The latest texts are enough to know the current words, and keep meeting them under half a second.
            LinearModel model = new LinearModel(features, tfIdf.vocabulary(), classes,
                    LinearModel.rowsOf(tfIdf.idf(), weights, classCount), bias, calibration.beta(), priors)
                    .meeting(texts.subList(Math.max(0, texts.size() - TEXTS_TO_MEET), texts.size()));
            TrainingSummary summary = new TrainingSummary(kept.size(), perLabel, applied.dropped(), x.width(),
                    1.0 / calibration.beta(), calibration.accuracy(), calibration.ece());
            int[] outputs = classes.stream().mapToInt(taxonomy.labels()::indexOf).toArray();
            LocalClassifier classifier = new LocalClassifier(model, taxonomy, outputs, summary,
                    WarmStart.of(settingsKey(), taxonomy, classes, kept, y, alpha, calibration));
            if (warm != null) {
                LOG.info("warm start: {} of {} rows started where the previous training ended; temperature {}",
                        reused[0], kept.size(), keptCalibration != null
                                ? "kept (fitted on " + keptCalibration.rows() + " rows)" : "fitted again");
            }
            LOG.info("trained {} on {} rows, {} classes, {} features in {} ms; cross-validated accuracy {}, ECE {}, "
                            + "temperature {}", classifier.modelVersion(), kept.size(), classCount, x.width(),
                    (System.nanoTime() - started) / 1_000_000, plain(summary.crossValidatedAccuracy()),
                    plain(summary.crossValidatedEce()), String.format(Locale.ROOT, "%.4f", summary.temperature()));
            return classifier;
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** A figure for the log: three decimals, or "n/a" when it was not measured. */
    private static String plain(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
    }

    /**
     * The final model: one SVM per class on every row, into feature-major weights and a bias per class, each solver
     * started from (and leaving its solution in) its class's dual variables.
     */
    private void trainAllClasses(SparseRows x, int[] y, int classCount, float[] weights, float[] bias,
                                 double[][] alpha, ExecutorService pool) {
        List<Callable<Void>> tasks = new ArrayList<>();
        int[] all = range(y.length);
        for (int k = 0; k < classCount; k++) {
            int cls = k;
            tasks.add(() -> {
                double[] w = svm().solve(x, all, positives(y, cls), derivedSeed(-1, cls), alpha[cls]);
                for (int f = 0; f < x.width(); f++) {
                    weights[f * classCount + cls] = (float) w[f];
                }
                bias[cls] = (float) w[x.width()];
                return null;
            });
        }
        TrainingTasks.runAll(pool, tasks);
    }

    /**
     * Out-of-fold probabilities, for finding rows whose label the rest of the data contradicts: the rows are dealt
     * into stratified, seeded folds, each fold is scored by a model trained on the others (over the features of
     * all rows' texts, which hold no label), and the margins go through the softmax temperature fitted on them,
     * as the calibration of {@link #train} does.
     *
     * @param rows     the labelled rows; every label must be one of the taxonomy's
     * @param taxonomy the labels; a column per label, in its order (0 for a label no row has)
     * @param folds    how many folds, 2..20
     * @return one row of probabilities per input row, in the order given
     * @throws IllegalArgumentException if a label is not in the taxonomy, the rows have fewer than two labels, the
     *                                  folds are out of range or there are fewer than two rows per fold
     */
    public double[][] outOfFoldProbabilities(List<LabeledArticle> rows, Taxonomy taxonomy, int folds) {
        Objects.requireNonNull(rows, "rows");
        Objects.requireNonNull(taxonomy, "taxonomy");
        if (folds < 2 || folds > 20) {
            throw new IllegalArgumentException("folds must be 2..20, was " + folds);
        }
        if (rows.size() < 2 * folds) {
            throw new IllegalArgumentException(folds + " folds need at least " + 2 * folds + " rows, had " + rows.size());
        }
        ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism, TrainingTasks.daemonThreads()) : null;
        try {
            return OutOfFoldProbabilities.of(rows, taxonomy, folds,
                    texts -> TfIdf.fit(texts, features, minDf, task -> TrainingTasks.runAll(pool, task)).rows(),
                    new Calibrator(svm(), this::derivedSeed, tasks -> TrainingTasks.runAll(pool, tasks)));
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Fold models trained on less data than the final one give it slightly smaller margins, so a temperature fitted
     * on them leaves the final model a little overconfident; more folds bring them closer. Small sets afford 10
     * folds; large ones take 3, which bounds calibration at about twice the cost of the final training.
     */
    static int autoFolds(int rows) {
        return rows <= 2000 ? 10 : rows <= 4000 ? 5 : 3;
    }

    private LinearSvm svm() {
        return new LinearSvm(c, tolerance, maxEpochs);
    }

    private long derivedSeed(int fold, int cls) {
        return TextFeatures.mix(seed * 0x9e3779b97f4a7c15L + (fold + 3L) * 1_000_003L + cls);
    }

    static boolean[] positives(int[] y, int cls) {
        boolean[] positive = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            positive[i] = y[i] == cls;
        }
        return positive;
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** Every setting that shapes a model: a warm start reuses only what a trainer of the same settings made. */
    private String settingsKey() {
        return "seed=" + seed + " c=" + c + " " + features + " folds=" + calibrationFolds + " tolerance=" + tolerance
                + " epochs=" + maxEpochs + " minDf=" + minDf;
    }

    @Override
    public String toString() {
        return "LocalTrainer[seed=" + seed + ", C=" + c + ", " + features + ", calibration folds="
                + (calibrationFolds.isPresent() ? calibrationFolds.getAsInt() : "auto") + "]";
    }

    /** Settings with defaults chosen by cross-validation on the benchmark training splits; each fails fast. */
    public static final class Builder {
        private long seed = 42;
        private double c = 1.0;
        private FeatureSpec features = FeatureSpec.defaults();
        private OptionalInt calibrationFolds = OptionalInt.empty();
        private double tolerance = 0.1;
        private int maxEpochs = 1000;
        private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int minDf = 1;
        private int warmStartAbove = 5_000;

        private Builder() {
        }

        /**
         * {@link LocalTrainer#retrain} starts from the previous model only from this many rows up (default 5,000):
         * below, training from scratch takes about a second or less, and gives the model {@link #build()}'s
         * {@code train} would, byte for byte.
         */
        public Builder warmStartAbove(int rows) {
            if (rows < 0) {
                throw new IllegalArgumentException("warmStartAbove must be >= 0, was " + rows);
            }
            this.warmStartAbove = rows;
            return this;
        }

        /** Seeds the solver's visiting order and the calibration folds. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The SVM's cost of a margin violation (inverse regularisation); larger fits the training rows closer. */
        public Builder c(double c) {
            if (!(c > 0) || Double.isInfinite(c)) {
                throw new IllegalArgumentException("C must be positive and finite, was " + c);
            }
            this.c = c;
            return this;
        }

        public Builder features(FeatureSpec features) {
            this.features = Objects.requireNonNull(features, "features");
            return this;
        }

        /**
         * Folds of the cross-validation that fits the temperature (by default 10 up to 2,000 rows, 5 up to 4,000,
         * else 3); 0 skips it and uses a fixed temperature.
         */
        public Builder calibrationFolds(int folds) {
            if (folds != 0 && (folds < 2 || folds > 20)) {
                throw new IllegalArgumentException("calibration folds must be 0 (none) or 2..20, was " + folds);
            }
            this.calibrationFolds = OptionalInt.of(folds);
            return this;
        }

        /** The solver stops when its projected gradient spans less than this. */
        public Builder tolerance(double tolerance) {
            if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
                throw new IllegalArgumentException("tolerance must be positive and finite, was " + tolerance);
            }
            this.tolerance = tolerance;
            return this;
        }

        public Builder maxEpochs(int maxEpochs) {
            if (maxEpochs < 1) {
                throw new IllegalArgumentException("max epochs must be >= 1, was " + maxEpochs);
            }
            this.maxEpochs = maxEpochs;
            return this;
        }

        /** Threads that train classes and folds at once (1 trains on the calling thread). Does not change results. */
        public Builder parallelism(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, was " + threads);
            }
            this.parallelism = threads;
            return this;
        }

        /**
         * Leaves out features found in fewer training texts than this. 1 keeps all: few-shot training needs every
         * feature; on thousands of rows, 2 halves the model and speeds prediction at a small cost in accuracy.
         */
        public Builder minDocumentFrequency(int minDf) {
            if (minDf < 1) {
                throw new IllegalArgumentException("minimum document frequency must be >= 1, was " + minDf);
            }
            this.minDf = minDf;
            return this;
        }

        public LocalTrainer build() {
            return new LocalTrainer(this);
        }
    }
}
