package dev.classifier.testkit.openai;

import java.util.SplittableRandom;

/**
 * The loss and accuracy a simulated job reports at each step: a falling curve with a little seeded noise, the
 * same for the same job every time. Made up, so that code reading metrics has numbers to read.
 */
final class TrainingCurve {

    private final long seed;
    private final int totalSteps;

    TrainingCurve(long seed, int totalSteps) {
        this.seed = seed;
        this.totalSteps = Math.max(1, totalSteps);
    }

    double trainLoss(int step) {
        double progress = (double) step / totalSteps;
        double loss = 0.12 + 1.9 * Math.exp(-4.0 * progress) + noise(step, 0.08);
        return round(Math.max(0.01, loss));
    }

    double trainAccuracy(int step) {
        return round(clamp(1.0 - trainLoss(step) / 2.4));
    }

    double validLoss(int step) {
        return round(trainLoss(step) * 1.1 + 0.03 + Math.abs(noise(step + 7919, 0.04)));
    }

    double validAccuracy(int step) {
        return round(clamp(1.0 - validLoss(step) / 2.4));
    }

    private double noise(int step, double amplitude) {
        return (new SplittableRandom(seed * 31 + step).nextDouble() - 0.5) * amplitude;
    }

    private static double clamp(double v) {
        return Math.max(0.0, Math.min(1.0, v));
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
