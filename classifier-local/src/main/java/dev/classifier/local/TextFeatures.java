package dev.classifier.local;

import java.text.Normalizer;

/**
 * Turns a text into the 64-bit hashes of its features as {@link FeatureSpec} describes them. Hashes are computed
 * as the characters are read (FNV-1a over code points, then a final mix), so no n-gram string is ever built:
 * prediction stays allocation-free but for a per-thread scratch.
 */
final class TextFeatures {

    /** Marks the start and end of a whitespace-separated chunk; not a code point, so it never collides with one. */
    private static final int BOUNDARY = -1;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long CHAR_SEED = 0xcbf29ce484222325L;
    private static final long WORD_SEED = 0x84222325cbf29ce4L;
    private static final long BIGRAM_SEED = 0x9e3779b97f4a7c15L;

    private final FeatureSpec spec;
    private final int maxN;

    TextFeatures(FeatureSpec spec) {
        this.spec = spec;
        this.maxN = spec.maxN();
    }

    FeatureSpec spec() {
        return spec;
    }

    /**
     * Counts the features of the text into {@code scratch.counter}, distinct tags in order of first occurrence.
     *
     * @return how many distinct features the text has
     */
    int count(String text, Scratch scratch) {
        int length = toCodePoints(normalize(text), scratch);
        int[] cps = scratch.codePoints;
        FeatureCounter out = scratch.counter;
        out.start(length * 2);
        int start = 0;
        long previousWord = 0;
        boolean hasPreviousWord = false;
        while (start < length) {
            if (isSpace(cps[start])) {
                start++;
                continue;
            }
            int end = start;
            while (end < length && !isSpace(cps[end])) {
                end++;
            }
            chunkNgrams(cps, start, end, out, scratch);
            if (spec.wordUnigrams() || spec.wordBigrams()) {
                // Words: runs of non-CJK letters and digits; a CJK character ends the run and breaks bigram chains.
                int i = start;
                while (i < end) {
                    int cp = cps[i];
                    if (isCjk(cp)) {
                        hasPreviousWord = false;
                        i++;
                        continue;
                    }
                    if (!Character.isLetterOrDigit(cp)) {
                        i++;
                        continue;
                    }
                    long h = WORD_SEED;
                    while (i < end && Character.isLetterOrDigit(cps[i]) && !isCjk(cps[i])) {
                        h = (h ^ cps[i]) * FNV_PRIME;
                        i++;
                    }
                    long word = finish(h);
                    if (spec.wordUnigrams()) {
                        out.add(Vocabulary.tag(word));
                    }
                    if (spec.wordBigrams() && hasPreviousWord) {
                        out.add(Vocabulary.tag(finish(previousWord * BIGRAM_SEED + word)));
                    }
                    previousWord = word;
                    hasPreviousWord = true;
                }
            }
            start = end;
        }
        return out.size();
    }

    /** Character n-grams of one chunk, padded with {@link #BOUNDARY} at both ends. */
    private void chunkNgrams(int[] cps, int start, int end, FeatureCounter out, Scratch scratch) {
        int m = end - start + 2;
        int[] padded = scratch.padded(m);
        int[] cjkBefore = scratch.cjkBefore(m + 1); // CJK characters in padded[0 .. i)
        padded[0] = BOUNDARY;
        padded[m - 1] = BOUNDARY;
        cjkBefore[0] = 0;
        cjkBefore[1] = 0;
        for (int i = 1; i < m - 1; i++) {
            padded[i] = cps[start + i - 1];
            cjkBefore[i + 1] = cjkBefore[i] + (isCjk(padded[i]) ? 1 : 0);
        }
        cjkBefore[m] = cjkBefore[m - 1];
        boolean anyCjk = cjkBefore[m] > 0;
        int cjkMin = spec.cjkMin();
        int cjkMax = spec.cjkMax();
        int latinMin = spec.latinMin();
        int latinMax = spec.latinMax();
        for (int from = 0; from < m; from++) {
            int longest = Math.min(maxN, m - from);
            long h = CHAR_SEED;
            for (int n = 1; n <= longest; n++) {
                h = (h ^ padded[from + n - 1]) * FNV_PRIME;
                if (n == 1 && padded[from] == BOUNDARY) {
                    continue; // a boundary alone says nothing
                }
                boolean cjk = anyCjk && cjkBefore[from + n] > cjkBefore[from];
                if (cjk ? n >= cjkMin && n <= cjkMax : n >= latinMin && n <= latinMax) {
                    out.add(Vocabulary.tag(finish(h)));
                }
            }
        }
    }

    /** NFKC (full-width forms to their plain ones), skipped for the common text that NFKC leaves alone. */
    static String normalize(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xA0 && (c < 0x4E00 || c > 0x9FFF)) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }

    /** Lower-cased code points into the scratch; returns how many. */
    private static int toCodePoints(String text, Scratch scratch) {
        scratch.ensureCodePoints(text.length());
        int[] cps = scratch.codePoints;
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            cps[n++] = cp < 128 ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : Character.toLowerCase(cp);
        }
        return n;
    }

    static boolean isSpace(int cp) {
        return cp == ' ' || (cp < 128 ? cp >= 9 && cp <= 13 : Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    /** Han ideographs, kana, bopomofo and CJK punctuation: scripts written without spaces between words. */
    static boolean isCjk(int cp) {
        if (cp < 0x2E80) {
            return false;
        }
        return cp <= 0x31FF                         // radicals, CJK symbols and punctuation, kana, bopomofo
                || (cp >= 0x3400 && cp <= 0x4DBF)   // extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)   // unified ideographs
                || (cp >= 0xF900 && cp <= 0xFAFF)   // compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)   // compatibility forms
                || (cp >= 0xFF61 && cp <= 0xFF9F)   // half-width punctuation and katakana
                || (cp >= 0x20000 && cp <= 0x3134F); // extensions B-G
    }

    /**
     * Spreads the low bits of an FNV hash into the upper 40 bits that make a feature's tag: one multiplication by
     * an odd constant, cheap enough to run for every n-gram.
     */
    static long finish(long h) {
        return (h ^ (h >>> 31)) * 0x9e3779b97f4a7c15L;
    }

    /** MurmurHash3's 64-bit finaliser: spreads FNV's low-bit-heavy output over all bits for table probing. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }


    /** Per-thread buffers, so that hashing and counting a text allocates nothing once they have grown. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

        int[] codePoints = new int[256];
        private int[] padded = new int[64];
        private int[] cjkBefore = new int[64];
        final FeatureCounter counter = new FeatureCounter();

        static Scratch get() {
            return PER_THREAD.get();
        }

        int[] padded(int n) {
            if (padded.length < n) {
                padded = new int[Math.max(n, padded.length * 2)];
            }
            return padded;
        }

        int[] cjkBefore(int n) {
            if (cjkBefore.length < n) {
                cjkBefore = new int[Math.max(n, cjkBefore.length * 2)];
            }
            return cjkBefore;
        }

        void ensureCodePoints(int n) {
            if (codePoints.length < n) {
                codePoints = new int[Math.max(n, codePoints.length * 2)];
            }
        }

    }
}
