package dev.classifier.local;

/**
 * Which n-grams {@link LocalClassifier} reads from a text. Text is NFKC-normalised and lower-cased, then split at
 * whitespace into chunks; each chunk is padded with a boundary mark at both ends and cut into character n-grams.
 * An n-gram holding a CJK character (Han, kana, CJK punctuation) uses the CJK length range, any other the Latin
 * one: Chinese has no spaces, so a headline is one chunk and its characters and their neighbours carry the meaning,
 * while in English a 1-gram is a letter and says little. Word unigrams and bigrams come from runs of non-CJK
 * letters and digits.
 *
 * @param cjkMin      shortest n-gram that holds a CJK character
 * @param cjkMax      longest n-gram that holds a CJK character
 * @param latinMin    shortest n-gram of other characters (the boundary mark counts)
 * @param latinMax    longest n-gram of other characters
 * @param wordUnigrams whether whole words are features too
 * @param wordBigrams  whether pairs of consecutive words are features too
 * @param sublinearTf  whether a feature counted {@code tf} times weighs {@code 1 + ln tf} rather than {@code tf}
 */
public record FeatureSpec(int cjkMin, int cjkMax, int latinMin, int latinMax, boolean wordUnigrams,
                          boolean wordBigrams, boolean sublinearTf) {

    /** The longest n-gram any spec may ask for: longer ones are almost all seen once and only cost memory. */
    public static final int MAX_N = 8;

    public FeatureSpec {
        checkRange("CJK", cjkMin, cjkMax);
        checkRange("Latin", latinMin, latinMax);
    }

    /**
     * The defaults: CJK 1-2, Latin 2-5 (within words, with their boundaries), word unigrams, sublinear tf. Chosen
     * by cross-validation on the training splits of AG News and THUCNews only ({@code bench/Tuning}, run by
     * bench/local-vs-peers.sh): 5-fold accuracy on the whole split and on 8, 32 and 128 rows per class. CJK 1-2
     * beat 1-3, 1-4 and 2-3 (THUCNews 85.6 against 85.3, 85.0 and 83.4); Latin 2-5 tied 3-5 and 3-6 on AG News
     * (88.1-88.3) and beat 3-5 on THUCNews, whose digits and punctuation use the Latin range (85.6 against 85.4);
     * word bigrams tied (AG News 88.3 against 88.1, THUCNews 85.55 against 85.57) but doubled the vocabulary and
     * halved prediction speed, so they are off.
     */
    public static FeatureSpec defaults() {
        return new FeatureSpec(1, 2, 2, 5, true, false, true);
    }

    public FeatureSpec withCjk(int min, int max) {
        return new FeatureSpec(min, max, latinMin, latinMax, wordUnigrams, wordBigrams, sublinearTf);
    }

    public FeatureSpec withLatin(int min, int max) {
        return new FeatureSpec(cjkMin, cjkMax, min, max, wordUnigrams, wordBigrams, sublinearTf);
    }

    public FeatureSpec withWords(boolean unigrams, boolean bigrams) {
        return new FeatureSpec(cjkMin, cjkMax, latinMin, latinMax, unigrams, bigrams, sublinearTf);
    }

    public FeatureSpec withSublinearTf(boolean sublinear) {
        return new FeatureSpec(cjkMin, cjkMax, latinMin, latinMax, wordUnigrams, wordBigrams, sublinear);
    }

    /** The longest n-gram of either range. */
    int maxN() {
        return Math.max(cjkMax, latinMax);
    }

    private static void checkRange(String name, int min, int max) {
        if (min < 1 || max < min || max > MAX_N) {
            throw new IllegalArgumentException(name + " n-gram range must satisfy 1 <= min <= max <= " + MAX_N
                    + ", was " + min + ".." + max);
        }
    }
}
