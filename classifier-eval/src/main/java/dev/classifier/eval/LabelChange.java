package dev.classifier.eval;

import java.util.Objects;

/**
 * How one label fared when the candidate classifier replaced the current one: its F1 before and after.
 *
 * @param label     the label
 * @param f1Before  the current classifier's F1 on it
 * @param f1After   the candidate's F1 on it
 * @param support   gold articles of the label in the held-out set
 */
public record LabelChange(String label, double f1Before, double f1After, int support) {

    /** Differences smaller than this are no change (float noise, not a better model). */
    static final double SAME = 1e-9;

    /** Which way a label went. */
    public enum Direction {
        /** The candidate's F1 is higher. */
        BETTER,
        /** The candidate's F1 is lower. */
        WORSE,
        /** The same F1. */
        SAME
    }

    public LabelChange {
        Objects.requireNonNull(label, "label");
        if (support < 0) {
            throw new IllegalArgumentException("support of label '" + label + "' is negative: " + support);
        }
    }

    /** {@code f1After - f1Before}. */
    public double delta() {
        return f1After - f1Before;
    }

    public Direction direction() {
        double d = delta();
        return d > SAME ? Direction.BETTER : d < -SAME ? Direction.WORSE : Direction.SAME;
    }
}
