package dev.classifier.finetune;

import java.util.Locale;

/**
 * What training costs: the tokens of one epoch (each example counted up to the model's limit, since longer ones are
 * truncated) times the epochs times the price. The epoch count the service picks for {@code "auto"} is not
 * published; {@link #cookbookEpochs(long)} is the cookbook's rule of thumb, which aims at about 3 passes over
 * 100 to 25,000 examples.
 *
 * @param tokensPerEpoch the billed tokens of one pass over the training file
 * @param epochs         passes over it
 * @param pricePerMillion USD per 1M trained tokens
 */
public record TrainingCost(long tokensPerEpoch, int epochs, double pricePerMillion) {

    public static final int TARGET_EPOCHS = 3;
    public static final int MIN_TARGET_EXAMPLES = 100;
    public static final int MAX_TARGET_EXAMPLES = 25_000;
    public static final int MIN_DEFAULT_EPOCHS = 1;
    public static final int MAX_DEFAULT_EPOCHS = 25;

    public TrainingCost {
        if (tokensPerEpoch < 0 || epochs < 1 || !(pricePerMillion >= 0) || Double.isInfinite(pricePerMillion)) {
            throw new IllegalArgumentException("invalid training cost: " + tokensPerEpoch + " tokens, " + epochs
                    + " epochs, $" + pricePerMillion + " per 1M");
        }
    }

    /**
     * The cookbook's epoch count for {@code n} examples: {@code min(25, 100 / n)} when {@code 3n < 100},
     * {@code max(1, 25000 / n)} when {@code 3n > 25000}, else 3 (integer division throughout).
     */
    public static int cookbookEpochs(long examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be >= 1, was " + examples);
        }
        long n = examples;
        if (n * TARGET_EPOCHS < MIN_TARGET_EXAMPLES) {
            return (int) Math.min(MAX_DEFAULT_EPOCHS, MIN_TARGET_EXAMPLES / n);
        }
        if (n * TARGET_EPOCHS > MAX_TARGET_EXAMPLES) {
            return (int) Math.max(MIN_DEFAULT_EPOCHS, MAX_TARGET_EXAMPLES / n);
        }
        return TARGET_EPOCHS;
    }

    /** Billed tokens in all: tokens per epoch times epochs. */
    public long trainedTokens() {
        return tokensPerEpoch * epochs;
    }

    public double usd() {
        return trainedTokens() * pricePerMillion / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d tokens x %d epochs = %,d trained tokens at $%.2f per 1M = $%.2f",
                tokensPerEpoch, epochs, trainedTokens(), pricePerMillion, usd());
    }
}
