package dev.classifier.api;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a classifier decided for one article.
 *
 * @param label      always one of the taxonomy's labels
 * @param confidence in [0,1], or NaN where the strategy cannot tell
 * @param scores     label to probability where known; may be empty
 * @param flags      what happened on the way
 * @param reason     the model's short reason, or empty
 * @param model      the model and its version that answered
 * @param usage      tokens and cost of this prediction
 * @param covers     the feedback store sequence that the answer covers: every change up to it was known to the
 *                   answering model or its corrections; {@link #UNKNOWN_SEQUENCE} where no store is followed
 * @param followed   the id of the feedback whose correction gave the label (see {@link Flag#CORRECTED}), or empty
 */
public record Prediction(String label, double confidence, Map<String, Double> scores, Set<Flag> flags,
                         String reason, String model, Usage usage, long covers, Optional<String> followed) {

    /** The {@link #covers()} of a prediction from a classifier that follows no feedback store. */
    public static final long UNKNOWN_SEQUENCE = -1;

    /** What happened on the way to a label. */
    public enum Flag {
        /** The model wrote a near miss (case, quotes, full-width forms) that was resolved to a label. */
        RESOLVED,
        /** No label could be had, so the taxonomy's fallback was given. */
        FALLBACK,
        /** The input was cut to fit a budget. */
        TRUNCATED,
        /** The model refused to answer. */
        REFUSED,
        /** A recent correction gave the label, not the model: {@link #followed()} names that feedback. */
        CORRECTED
    }

    /**
     * Checks the parts and copies the scores and flags (a {@link LabelScores} is kept as it is: it is immutable
     * and was checked when made).
     *
     * @param label      one of the taxonomy's labels, not blank
     * @param confidence in [0,1], or NaN
     * @param scores     label to probability; may be empty
     * @param flags      what happened on the way
     * @param reason     the model's short reason, or empty
     * @param model      the model and version that answered
     * @param usage      tokens and cost
     * @param covers     the store sequence the answer covers, {@code >= 0}, or {@link #UNKNOWN_SEQUENCE}
     * @param followed   the id of the feedback a correction followed, or empty
     * @throws NullPointerException     if a part, or a score, is null
     * @throws IllegalArgumentException if the label is blank, the confidence is neither NaN nor in [0,1], a score
     *                                  is outside [0,1], or the sequence is below {@link #UNKNOWN_SEQUENCE}
     */
    public Prediction {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(followed, "followed");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usage, "usage");
        if (label.isBlank()) {
            throw new IllegalArgumentException("prediction label is blank");
        }
        if (!Double.isNaN(confidence) && (confidence < 0.0 || confidence > 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0,1] or NaN, was " + confidence);
        }
        if (!(scores instanceof LabelScores)) { // those are immutable and were checked when made
            scores = checkedCopy(scores);
        }
        if (covers < UNKNOWN_SEQUENCE) {
            throw new IllegalArgumentException("covered sequence must be >= -1, was " + covers);
        }
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
    }

    /**
     * A prediction from a classifier that follows no feedback store and applies no correction.
     *
     * @param label      one of the taxonomy's labels, not blank
     * @param confidence in [0,1], or NaN
     * @param scores     label to probability; may be empty
     * @param flags      what happened on the way
     * @param reason     the model's short reason, or empty
     * @param model      the model and version that answered
     * @param usage      tokens and cost
     * @throws NullPointerException     if a part, or a score, is null
     * @throws IllegalArgumentException if the label is blank, the confidence is neither NaN nor in [0,1], or a score
     *                                  is outside [0,1]
     */
    public Prediction(String label, double confidence, Map<String, Double> scores, Set<Flag> flags,
                      String reason, String model, Usage usage) {
        this(label, confidence, scores, flags, reason, model, usage, UNKNOWN_SEQUENCE, Optional.empty());
    }

    private static Map<String, Double> checkedCopy(Map<String, Double> scores) {
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            Double score = e.getValue();
            if (score == null) { // checked by hand: requireNonNull's message would be built for every score
                throw new NullPointerException("score of " + e.getKey());
            }
            double p = score;
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("score of '" + e.getKey() + "' must be in [0,1], was " + p);
            }
        }
        return Map.copyOf(scores);
    }

    /**
     * A plain prediction with no scores, flags, reason or usage.
     *
     * @param label      one of the taxonomy's labels
     * @param confidence in [0,1], or NaN where the strategy cannot tell
     * @param model      the model and its version that answered
     * @return the prediction
     */
    public static Prediction of(String label, double confidence, String model) {
        return new Prediction(label, confidence, Map.of(), Set.of(), "", model, Usage.NONE);
    }

    /**
     * Whether something happened on the way, e.g. {@code has(Flag.FALLBACK)} when no category could be told.
     *
     * @param flag the flag to look for
     * @return true if the prediction carries it
     */
    public boolean has(Flag flag) {
        return flags.contains(flag);
    }

    /**
     * The same prediction with another usage (a cascade adds what the first classifier spent).
     *
     * @param newUsage the usage to carry
     * @return a copy with every other part unchanged
     */
    public Prediction withUsage(Usage newUsage) {
        return new Prediction(label, confidence, scores, flags, reason, model, newUsage, covers, followed);
    }

    /**
     * The same prediction, saying which store sequence it covers.
     *
     * @param sequence the store sequence the answer covers, {@code >= 0}, or {@link #UNKNOWN_SEQUENCE}
     * @return a copy with every other part unchanged
     * @throws IllegalArgumentException if the sequence is below {@link #UNKNOWN_SEQUENCE}
     */
    public Prediction covering(long sequence) {
        return new Prediction(label, confidence, scores, flags, reason, model, usage, sequence, followed);
    }

    /**
     * Whether the answer covers a store sequence: the change with that sequence was known when it was made.
     *
     * @param sequence a store sequence
     * @return true if {@link #covers()} is known and at least {@code sequence}
     */
    public boolean covers(long sequence) {
        return covers != UNKNOWN_SEQUENCE && covers >= sequence;
    }
}
