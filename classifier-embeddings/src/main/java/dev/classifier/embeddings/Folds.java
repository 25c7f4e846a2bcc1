package dev.classifier.embeddings;

import java.util.List;

/**
 * Held-out folds of training examples, each example's fold a hash of its article id and the seed: adding or
 * removing one example moves no other example to another fold, so the held-out scores that choose the settings
 * change by that one example only. Above {@link #HOLD_OUT_ABOVE} examples one fifth is held out once instead
 * to choose the method, and the companion's weight is chosen on all five folds ({@link #assignEvery}).
 */
final class Folds {

    /** Above this many examples one 20% hold-out replaces k folds: it is as telling and k times cheaper. */
    static final int HOLD_OUT_ABOVE = 2000;

    private Folds() {
    }

    /**
     * Each example's fold (0..count-1), or -1 for an example that only ever trains (outside the hold-out). Empty
     * when there is too little data to hold any out: fewer than two labels, or no label with two examples.
     */
    static int[] assign(List<String> ids, int[] y, int classes, int folds, long seed) {
        int[] foldOf = assignEvery(ids, y, classes, folds, seed);
        if (y.length > HOLD_OUT_ABOVE) {
            for (int i = 0; i < foldOf.length; i++) {
                foldOf[i] = foldOf[i] == 0 ? 0 : -1;
            }
        }
        return foldOf;
    }

    /**
     * Each example's fold at any size: above {@link #HOLD_OUT_ABOVE} the five folds whose first is the hold-out
     * of {@link #assign} (the companion's weight is chosen on all five there); below, the same as {@link #assign}.
     */
    static int[] assignEvery(List<String> ids, int[] y, int classes, int folds, long seed) {
        int[] perClass = new int[classes];
        for (int label : y) {
            perClass[label]++;
        }
        int withExamples = 0;
        int largest = 0;
        for (int count : perClass) {
            withExamples += count > 0 ? 1 : 0;
            largest = Math.max(largest, count);
        }
        if (withExamples < 2 || largest < 2) {
            return new int[0];
        }
        boolean holdOut = y.length > HOLD_OUT_ABOVE;
        int count = holdOut ? 5 : Math.min(folds, largest);
        int[] foldOf = new int[y.length];
        for (int i = 0; i < foldOf.length; i++) {
            int fold = (int) Math.floorMod(mix(ids.get(i).hashCode() * 0x9E3779B97F4A7C15L + seed), (long) count);
            foldOf[i] = fold;
        }
        return foldOf;
    }

    /** SplitMix64's finaliser: spreads nearby inputs over all bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
