package dev.classifier.local;

/**
 * Which n-grams {@link LocalClassifier} reads from a text. Text is NFKC-normalised and lower-cased, then split at
 * whitespace into chunks (a single space beside a CJK character does not split: Chinese uses it as light
 * punctuation); each chunk is padded with a boundary mark at both ends and cut into character n-grams. An n-gram
 * holding a CJK character (Han, kana, CJK punctuation) uses the CJK length range, any other the Latin one: Chinese
 * has no spaces, so a headline is one chunk and its characters and their neighbours carry the meaning, while in
 * English a 1-gram is a letter and says little. In a chunk that holds CJK characters every single character is a
 * feature, whatever {@code latinMin} says: there digits and punctuation stand alone. Word unigrams and bigrams come
 * from runs of non-CJK letters and digits.
 *
 * @param cjkMin      shortest n-gram that holds a CJK character
 * @param cjkMax      longest n-gram that holds a CJK character
 * @param latinMin    shortest n-gram of other characters (the boundary mark counts) in chunks without CJK
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
     * The defaults: CJK 1-2, Latin 2-6 (within words, with their boundaries), word unigrams, sublinear tf. Chosen
     * by cross-validation on the training splits of AG News and THUCNews only ({@code bench/Tuning}, run by
     * bench/local-vs-peers.sh): 5-fold accuracy on the whole split and on 8, 32 and 128 rows per class. CJK 1-2
     * beat 1-3 (THUCNews 86.1 against 85.8); Latin 2-6 tied 2-5 on both whole splits (AG News 87.9, THUCNews 86.1)
     * and beat it on AG News few-shot (72.5 against 72.1 at 32 per class); 3-6 did better few-shot on AG News but
     * worse on its whole split (87.8); word bigrams tied (88.0) but span words, so they cannot be remembered per
     * word as the other features are (see {@link LocalClassifier}), and are off. Joining Chinese across single
     * spaces and counting single characters in CJK chunks (see above) took THUCNews from 85.5 to 86.1, and from 65.2
     * to 66.4 at 32 rows per class.
     */
    public static FeatureSpec defaults() {
        return new FeatureSpec(1, 2, 2, 6, true, false, true);
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

    /** Writes the spec as model files hold it: the four lengths, then the three switches. */
    void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(cjkMin);
        out.writeInt(cjkMax);
        out.writeInt(latinMin);
        out.writeInt(latinMax);
        out.writeBoolean(wordUnigrams);
        out.writeBoolean(wordBigrams);
        out.writeBoolean(sublinearTf);
    }

    /** Reads what {@link #writeTo} wrote. */
    static FeatureSpec readFrom(java.nio.ByteBuffer in) {
        return new FeatureSpec(in.getInt(), in.getInt(), in.getInt(), in.getInt(), in.get() != 0, in.get() != 0,
                in.get() != 0);
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
