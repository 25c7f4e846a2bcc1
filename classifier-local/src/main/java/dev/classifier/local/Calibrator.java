package dev.classifier.local;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Fits the softmax temperature on out-of-fold margins of stratified folds, and reports their accuracy and ECE; falls
 * back to a fixed temperature when the data cannot be split so. Each fold and class is trained alone with its own
 * derived seed, so the result never depends on threads.
 */
final class Calibrator {

    /**
     * The fitted inverse temperature and the cross-validated figures (empty when no cross-validation ran).
     *
     * @param rows the rows it was fitted on
     */
    record Calibration(double beta, OptionalDouble accuracy, OptionalDouble ece, int rows) {
    }

    /** The seed of the task that trains a class on a fold; fold -2 seeds the folds themselves. */
    @FunctionalInterface
    interface Seeds {
        long of(int fold, int cls);
    }

    private final LinearSvm svm;
    private final Seeds seeds;
    private final Consumer<List<Callable<Void>>> runAll;

    Calibrator(LinearSvm svm, Seeds seeds, Consumer<List<Callable<Void>>> runAll) {
        this.svm = svm;
        this.seeds = seeds;
        this.runAll = runAll;
    }

    Calibration calibrate(SparseRows x, int[] y, int classCount, int folds, double defaultBeta) {
        int n = y.length;
        if (folds < 2 || classCount < 2 || n < 2 * folds) {
            return new Calibration(defaultBeta, OptionalDouble.empty(), OptionalDouble.empty(), n);
        }
        double[][] margins = outOfFoldMargins(x, y, classCount, folds);
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
                OptionalDouble.of(TemperatureScaling.expectedCalibrationError(confidence, correct, 15)), n);
    }

    /** Each row's class margins from the models of the stratified folds that left it out. */
    double[][] outOfFoldMargins(SparseRows x, int[] y, int classCount, int folds) {
        int n = y.length;
        int[] fold = stratifiedFolds(y, classCount, folds);
        double[][] margins = new double[n][classCount];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            int[] train = rowsWhere(fold, f, false);
            int[] test = rowsWhere(fold, f, true);
            for (int k = 0; k < classCount; k++) {
                int cls = k;
                long taskSeed = seeds.of(f, k);
                tasks.add(() -> {
                    double[] w = svm.train(x, train, LocalTrainer.positives(y, cls), taskSeed);
                    for (int row : test) {
                        margins[row][cls] = x.dot(row, w) + w[x.width()];
                    }
                    return null;
                });
            }
        }
        runAll.accept(tasks);
        return margins;
    }

    /** Each class's rows shuffled (seeded) and dealt round-robin, so every fold has its share of each class. */
    private int[] stratifiedFolds(int[] y, int classCount, int folds) {
        int[] fold = new int[y.length];
        SplittableRandom random = new SplittableRandom(seeds.of(-2, 0));
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

    private static int[] rowsWhere(int[] fold, int f, boolean in) {
        return IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == in).toArray();
    }
}
