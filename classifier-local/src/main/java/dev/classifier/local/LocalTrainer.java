package dev.classifier.local;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    private LocalTrainer(Builder b) {
        this.minDf = b.minDf;
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
        ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism, daemonThreads()) : null;
        try {
            List<String> texts = kept.stream().map(r -> r.article().text()).toList();
            TfIdf tfIdf = TfIdf.fit(texts, features, minDf,
                    task -> runAll(pool, task));
            SparseRows x = tfIdf.rows();
            int classCount = classes.size();
            Calibration calibration = calibrate(x, y, classCount, pool);
            float[] weights = new float[x.width() * classCount];
            float[] bias = new float[classCount];
            trainAllClasses(x, y, classCount, weights, bias, pool);
            double[] priors = new double[classCount];
            for (int label : y) {
                priors[label]++;
            }
            for (int k = 0; k < classCount; k++) {
                priors[k] /= y.length;
            }
            // The latest texts are enough to know the current words, and keep meeting them under half a second.
            LinearModel model = new LinearModel(features, tfIdf.vocabulary(), classes,
                    LinearModel.rowsOf(tfIdf.idf(), weights, classCount), bias, calibration.beta, priors)
                    .meeting(texts.subList(Math.max(0, texts.size() - TEXTS_TO_MEET), texts.size()));
            TrainingSummary summary = new TrainingSummary(kept.size(), perLabel, applied.dropped(), x.width(),
                    1.0 / calibration.beta, calibration.accuracy, calibration.ece);
            int[] outputs = classes.stream().mapToInt(taxonomy.labels()::indexOf).toArray();
            LocalClassifier classifier = new LocalClassifier(model, taxonomy, outputs, summary);
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

    /** The final model: one SVM per class on every row, into feature-major weights and a bias per class. */
    private void trainAllClasses(SparseRows x, int[] y, int classCount, float[] weights, float[] bias,
                                 ExecutorService pool) {
        List<Callable<Void>> tasks = new ArrayList<>();
        int[] all = range(y.length);
        for (int k = 0; k < classCount; k++) {
            int cls = k;
            tasks.add(() -> {
                double[] w = svm().train(x, all, positives(y, cls), derivedSeed(-1, cls));
                for (int f = 0; f < x.width(); f++) {
                    weights[f * classCount + cls] = (float) w[f];
                }
                bias[cls] = (float) w[x.width()];
                return null;
            });
        }
        runAll(pool, tasks);
    }

    private record Calibration(double beta, OptionalDouble accuracy, OptionalDouble ece) {
    }

    /**
     * Fits the temperature on out-of-fold margins of stratified folds (and reports their accuracy and ECE), or
     * falls back to {@link #DEFAULT_BETA} when the data cannot be split so.
     */
    private Calibration calibrate(SparseRows x, int[] y, int classCount, ExecutorService pool) {
        int n = y.length;
        int folds = calibrationFolds.orElse(autoFolds(n));
        if (folds < 2 || classCount < 2 || n < 2 * folds) {
            return new Calibration(DEFAULT_BETA, OptionalDouble.empty(), OptionalDouble.empty());
        }
        double[][] margins = outOfFoldMargins(x, y, classCount, folds, pool);
        double beta = TemperatureScaling.fitInverseTemperature(margins, y);
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        double[] p = new double[classCount];
        int right = 0;
        for (int i = 0; i < n; i++) {
            TemperatureScaling.softmax(margins[i], beta, p);
            int best = 0;
            for (int k = 1; k < classCount; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            confidence[i] = p[best];
            correct[i] = best == y[i];
            right += correct[i] ? 1 : 0;
        }
        return new Calibration(beta, OptionalDouble.of((double) right / n),
                OptionalDouble.of(TemperatureScaling.expectedCalibrationError(confidence, correct, 15)));
    }

    /** Each row's class margins from the models of the stratified folds that left it out. */
    private double[][] outOfFoldMargins(SparseRows x, int[] y, int classCount, int folds, ExecutorService pool) {
        int[] fold = stratifiedFolds(y, classCount, folds);
        double[][] margins = new double[y.length][classCount];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int[] train = rowsWhere(fold, f, false);
            int[] test = rowsWhere(fold, f, true);
            for (int k = 0; k < classCount; k++) {
                int cls = k;
                long taskSeed = derivedSeed(f, k);
                tasks.add(() -> {
                    double[] w = svm().train(x, train, positives(y, cls), taskSeed);
                    for (int row : test) {
                        margins[row][cls] = x.dot(row, w) + w[x.width()];
                    }
                    return null;
                });
            }
        }
        runAll(pool, tasks);
        return margins;
    }

    /**
     * Out-of-fold probabilities, for finding rows whose label the rest of the data contradicts: the rows are dealt
     * into stratified, seeded folds, each fold is scored by a model trained on the others (over the features of
     * all rows' texts, which holds no label), and the margins go through the softmax temperature fitted on them,
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
        List<String> classes = taxonomy.labels().stream()
                .filter(label -> rows.stream().anyMatch(r -> r.label().equals(label))).toList();
        int[] y = new int[rows.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = classes.indexOf(rows.get(i).label());
            if (y[i] < 0) {
                throw new IllegalArgumentException("row " + i + " (article '" + rows.get(i).article().id()
                        + "') has the label '" + rows.get(i).label() + "', not one of " + taxonomy.labels());
            }
        }
        if (classes.size() < 2) {
            throw new IllegalArgumentException("out-of-fold probabilities need rows of at least two labels, had "
                    + classes);
        }
        ExecutorService pool = parallelism > 1 ? Executors.newFixedThreadPool(parallelism, daemonThreads()) : null;
        try {
            TfIdf tfIdf = TfIdf.fit(rows.stream().map(r -> r.article().text()).toList(), features, minDf,
                    task -> runAll(pool, task));
            double[][] margins = outOfFoldMargins(tfIdf.rows(), y, classes.size(), folds, pool);
            double beta = TemperatureScaling.fitInverseTemperature(margins, y);
            double[][] probabilities = new double[y.length][taxonomy.labels().size()];
            double[] p = new double[classes.size()];
            for (int i = 0; i < y.length; i++) {
                TemperatureScaling.softmax(margins[i], beta, p);
                for (int k = 0; k < p.length; k++) {
                    probabilities[i][taxonomy.labels().indexOf(classes.get(k))] = p[k];
                }
            }
            return probabilities;
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

    /** Each class's rows shuffled (seeded) and dealt round-robin, so every fold has its share of each class. */
    private int[] stratifiedFolds(int[] y, int classCount, int folds) {
        int[] fold = new int[y.length];
        SplittableRandom random = new SplittableRandom(derivedSeed(-2, 0));
        int next = 0;
        for (int k = 0; k < classCount; k++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == k) {
                    members.add(i);
                }
            }
            for (int s = members.size() - 1; s > 0; s--) {
                int j = random.nextInt(s + 1);
                Integer t = members.get(s);
                members.set(s, members.get(j));
                members.set(j, t);
            }
            for (int row : members) {
                fold[row] = next;
                next = (next + 1) % folds;
            }
        }
        return fold;
    }

    private LinearSvm svm() {
        return new LinearSvm(c, tolerance, maxEpochs);
    }

    private long derivedSeed(int fold, int cls) {
        return TextFeatures.mix(seed * 0x9e3779b97f4a7c15L + (fold + 3L) * 1_000_003L + cls);
    }

    private static boolean[] positives(int[] y, int cls) {
        boolean[] positive = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            positive[i] = y[i] == cls;
        }
        return positive;
    }

    private static int[] rowsWhere(int[] fold, int f, boolean in) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }

    private static int[] range(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    /** Runs independent tasks, on the pool if there is one; results never depend on which thread ran what. */
    private static void runAll(ExecutorService pool, List<Callable<Void>> tasks) {
        try {
            if (pool == null) {
                for (Callable<Void> task : tasks) {
                    task.call();
                }
                return;
            }
            List<Future<Void>> futures = pool.invokeAll(tasks);
            for (Future<Void> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("training failed", e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("training failed", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "local-trainer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
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

        private Builder() {
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
