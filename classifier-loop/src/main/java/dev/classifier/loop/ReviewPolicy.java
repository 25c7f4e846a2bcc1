package dev.classifier.loop;

/**
 * How a {@link ReviewQueue} orders predictions for a person to check: the item most worth reviewing first.
 */
public enum ReviewPolicy {
    /** Lowest probability of the predicted label first. */
    LEAST_CONFIDENCE("least confidence"),
    /** Smallest gap between the two most probable labels first. */
    MARGIN("margin"),
    /** Most spread-out scores first (entropy over the labels the model can give). */
    ENTROPY("entropy"),
    /**
     * Largest disagreement between two classifiers first (Jensen-Shannon divergence of their scores, or whether
     * their labels differ when either has no scores). Needs a second prediction in each {@link Candidate}.
     */
    DISAGREEMENT("disagreement"),
    /** A seeded random order: the baseline every other policy has to beat. */
    RANDOM("random");

    private final String words;

    ReviewPolicy(String words) {
        this.words = words;
    }

    /**
     * The policy's name as a person reads it, e.g. "least confidence".
     *
     * @return the name in words
     */
    public String words() {
        return words;
    }
}
