package dev.classifier.embeddings;

import java.util.Objects;

/**
 * The settings an {@link EmbeddingClassifier} was trained with: fixed defaults where there was too little data to
 * hold any out, otherwise what held-out folds of the training data chose. A trainer keeps its last choice and
 * changes a setting only when held-out data prefers another by a margin, and searches again only when the
 * examples have changed by more than a tenth since the last search, so from ten examples on one new item does not
 * move the settings.
 *
 * @param priorWeight         how many examples' worth each category's description prototype adds to its class
 *                            (0: the descriptions are not used; NaN: no prototypes)
 * @param method              centroid or logistic regression
 * @param l2                  the logistic regression's penalty (NaN for the centroid)
 * @param temperature         the embedding scores' softmax temperature
 * @param pool                how unlabelled articles were used, if at all
 * @param pseudoLabelled      how many unlabelled articles moved them (their labels are not kept)
 * @param companionWeight     the companion's weight (0: not used)
 * @param combinedTemperature the temperature of the blend with the companion (1 without one)
 * @param spreadWeight        label spreading's share of the probabilities, in [0, 1]: the classifier answers
 *                            {@code p^(1 − w) · s^w} normalised (models saved before format version 4:
 *                            {@code (1 − w) · p + w · s}), p the probabilities without spreading and s the spread
 *                            scores of the article's nearest examples and pool articles (labels spread from the
 *                            examples over a nearest-neighbour graph of both); 0: not used (always 0 without a pool)
 * @param wordingWeight       the articles' wording's share of the similarity that finds the graph's nearest
 *                            neighbours, in [0, 1), beside the cosine of their embeddings (the held-out folds choose
 *                            between the cosine alone, 0, and the default share); 0 without spreading
 * @param searchedAt          how many examples the settings were chosen on (0: fixed defaults, no search)
 * @param reused              true when this training reused an earlier search's settings instead of searching
 */
public record TrainingSettings(double priorWeight, EmbeddingClassifier.Method method, double l2, double temperature,
                               PoolUse pool, int pseudoLabelled, double companionWeight,
                               double combinedTemperature, double spreadWeight, double wordingWeight, int searchedAt,
                               boolean reused) {

    /** How the unlabelled pool was used. */
    public enum PoolUse {
        /** Not at all: no pool, or held-out data showed no gain. */
        NONE,
        /** Its most confident articles moved the class centres. */
        CENTRES,
        /**
         * The companion learnt from the pool articles that the blend of the embedding model and the companion was
         * surest of (co-training: the surest half of each class, as many for every class, two rounds), besides
         * the examples.
         */
        COMPANION,
        /** Both {@link #CENTRES} and {@link #COMPANION}. */
        CENTRES_AND_COMPANION,
        /**
         * {@link #COMPANION}, and the same co-trained pool articles moved the class centres too (each labelled
         * centre blended with the mean of its class's articles).
         */
        CO_TRAINED,
        /** {@link #CO_TRAINED}, where the embedding model that labelled the pool had its centres moved first. */
        CENTRES_AND_CO_TRAINED;

        /** Whether the embedding model's own surest pool articles moved the class centres. */
        public boolean movesCentres() {
            return this == CENTRES || this == CENTRES_AND_COMPANION || this == CENTRES_AND_CO_TRAINED;
        }

        /** Whether the companion learnt from pool articles. */
        public boolean teachesCompanion() {
            return this != NONE && this != CENTRES;
        }

        /** Whether the pool articles co-training chose moved the final class centres. */
        public boolean coTrainsCentres() {
            return this == CO_TRAINED || this == CENTRES_AND_CO_TRAINED;
        }
    }

    /** True when the pool moved the model. */
    public boolean poolUsed() {
        return pool != PoolUse.NONE;
    }

    /** Checks the method and the counts. */
    public TrainingSettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pool, "pool");
        if (pseudoLabelled < 0 || searchedAt < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        if (!(temperature > 0) || !(combinedTemperature > 0)) {
            throw new IllegalArgumentException("temperatures must be > 0");
        }
        if (!(spreadWeight >= 0 && spreadWeight <= 1)) {
            throw new IllegalArgumentException("spreadWeight must be in [0, 1], was " + spreadWeight);
        }
        if (!(wordingWeight >= 0 && wordingWeight < 1)) {
            throw new IllegalArgumentException("wordingWeight must be in [0, 1), was " + wordingWeight);
        }
    }

    /** The fixed settings where there is too little data to hold any out. */
    static TrainingSettings defaults(EmbeddingClassifier.Method method, boolean prototypes, int examples) {
        boolean logistic = method == EmbeddingClassifier.Method.LOGISTIC && examples > 0;
        return new TrainingSettings(prototypes ? EmbeddingTrainer.DEFAULT_PRIOR_WEIGHT : Double.NaN,
                logistic ? EmbeddingClassifier.Method.LOGISTIC : EmbeddingClassifier.Method.CENTROID,
                logistic ? 1e-4 : Double.NaN,
                logistic ? 1.0 : EmbeddingTrainer.DEFAULT_CENTROID_TEMPERATURE, PoolUse.NONE, 0, 0, 1, 0, 0, 0, false);
    }

    /** The same choices, marked as reused by a later training. */
    TrainingSettings reusedWith(int newPseudoLabelled) {
        return new TrainingSettings(priorWeight, method, l2, temperature, pool, newPseudoLabelled, companionWeight,
                combinedTemperature, spreadWeight, wordingWeight, searchedAt, true);
    }

    /** The same choices with the count of pool articles that moved the centres in this training. */
    TrainingSettings withPseudoLabelled(int newPseudoLabelled) {
        return new TrainingSettings(priorWeight, method, l2, temperature, pool, newPseudoLabelled, companionWeight,
                combinedTemperature, spreadWeight, wordingWeight, searchedAt, reused);
    }

    /** The same choices with label spreading's blend weight and the wording's share of its graph. */
    TrainingSettings withSpreading(double weight, double wording) {
        return new TrainingSettings(priorWeight, method, l2, temperature, pool, pseudoLabelled, companionWeight,
                combinedTemperature, weight, wording, searchedAt, reused);
    }

    /**
     * Whether two trainings made the same choices: prior weight, method, penalty, pool use, companion weight,
     * spreading weight and the wording's share (not the counts, the fitted temperatures or the reuse mark).
     *
     * @param other the settings to compare with
     * @return true when every choice is the same
     */
    public boolean sameChoicesAs(TrainingSettings other) {
        return Double.compare(priorWeight, other.priorWeight) == 0 && method == other.method
                && Double.compare(l2, other.l2) == 0 && pool == other.pool
                && Double.compare(companionWeight, other.companionWeight) == 0
                && Double.compare(spreadWeight, other.spreadWeight) == 0
                && Double.compare(wordingWeight, other.wordingWeight) == 0;
    }
}
