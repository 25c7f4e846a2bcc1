package dev.classifier.loop;

/**
 * How a {@link ReviewQueue} orders predictions for a person to check: the item most worth reviewing first.
 */
public enum ReviewPolicy {
    /** Lowest probability of the predicted label first. */
    LEAST_CONFIDENCE("least confidence"),
    /** Smallest gap between the two most probable labels first. */
    MARGIN("margin"),
    /**
     * The margin's uncertainty (1 minus the gap between the two most probable labels) weighted by how typical the
     * article is of the others being ranked with it: its mean TF-IDF cosine to them, as a share of the most
     * typical one's (information density, Settles and Craven 2008). An uncertain outlier waits behind an
     * uncertain article that stands for many.
     */
    DENSITY_MARGIN("margin weighted by density"),
    /** Most spread-out scores first (entropy over the labels the model can give). */
    ENTROPY("entropy"),
    /**
     * Largest disagreement between two classifiers first (Jensen-Shannon divergence of their scores, or whether
     * their labels differ when either has no scores). Needs a second prediction in each {@link Candidate}.
     */
    DISAGREEMENT("disagreement"),
    /**
     * Smallest margin of two classifiers together first: the gap between the two most probable labels of the mean
     * of their scores (a committee of two, consensus margin). Unlike {@link #DISAGREEMENT} it also picks what both
     * are unsure of, and it does not pick what they disagree on where one of them is barely sure. Needs a second
     * prediction in each {@link Candidate}.
     */
    CONSENSUS_MARGIN("margin of two classifiers together"),
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
