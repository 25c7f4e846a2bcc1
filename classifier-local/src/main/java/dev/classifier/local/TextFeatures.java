package dev.classifier.local;

import dev.classifier.api.TextForms;

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
    private static final long CHUNK_SEED = 0xc4ceb9fe1a85ec53L;
    private static final int IDEOGRAPHIC_SPACE = 0x3000;
    /** Longer chunks are not remembered (see {@link #worthRemembering}): English words are far shorter. */
    static final int MAX_REMEMBERED_CHUNK = 32;

    private final FeatureSpec spec;
    private final int maxN;
    private final boolean latinNgrams;

    TextFeatures(FeatureSpec spec) {
        this(spec, true);
    }

    /**
     * @param latinNgrams whether chunks without CJK characters give character n-grams too, or only their words
     *                    (see {@link NgramVectors}: for telling how alike texts are, spelling misleads)
     */
    TextFeatures(FeatureSpec spec, boolean latinNgrams) {
        this.spec = spec;
        this.maxN = spec.maxN();
        this.latinNgrams = latinNgrams;
    }

    boolean latinNgrams() {
        return latinNgrams;
    }

    FeatureSpec spec() {
        return spec;
    }

    /**
     * Counts the features of the whole text into {@code scratch.counter}, distinct tags in order of first
     * occurrence: the n-grams and words of every chunk, and the word bigrams.
     *
     * @return how many distinct features the text has
     */
    int count(String text, Scratch scratch) {
        int chunks = chunks(text, scratch);
        FeatureCounter out = scratch.counter;
        out.start(scratch.length * 2);
        for (int c = 0; c < chunks; c++) {
            countChunk(scratch, c, out);
        }
        countWordBigrams(scratch, chunks, out);
        return out.size();
    }

    /**
     * Normalises the text into {@code scratch}'s code points and splits it at whitespace into chunks, whose bounds
     * {@link Scratch#chunkStart} and {@link Scratch#chunkEnd} hold.
     *
     * @return how many chunks
     */
    int chunks(String text, Scratch scratch) {
        int length = toCodePoints(TextForms.nfkc(text), scratch);
        int[] cps = scratch.codePoints;
        int chunks = 0;
        int start = 0;
        while (start < length) {
            if (isSpace(cps[start])) {
                start++;
                continue;
            }
            int end = start;
            while (end < length && (!isSpace(cps[end]) || joinsCjk(cps, end, length))) {
                end++;
            }
            scratch.addChunk(chunks++, start, end);
            start = end;
        }
        scratch.chunkCount = chunks;
        return chunks;
    }

    /**
     * Whether the whitespace at {@code i} is one plain space beside a CJK character, which does not split a chunk:
     * Chinese headlines use such a space as light punctuation ("词汇阅读是关键 08年考研"), and the n-grams across
     * it carry meaning (THUCNews, 32 per class: 66.4 to 67.4 with single-character features below).
     */
    private static boolean joinsCjk(int[] cps, int i, int length) {
        return cps[i] == ' ' && i > 0 && i + 1 < length && !isSpace(cps[i - 1]) && !isSpace(cps[i + 1])
                && (isCjk(cps[i - 1]) || isCjk(cps[i + 1]));
    }

    /** Adds the character n-grams and the words of chunk {@code c} (see {@link #chunks}) to {@code out}. */
    void countChunk(Scratch scratch, int c, FeatureCounter out) {
        int[] cps = scratch.codePoints;
        int start = scratch.chunkStart[c];
        int end = scratch.chunkEnd[c];
        chunkNgrams(cps, start, end, out, scratch);
        if (spec.wordUnigrams()) {
            for (int i = nextWord(cps, start, end); i < end; i = nextWord(cps, i, end)) {
                int wordEnd = wordEnd(cps, i, end);
                out.add(Vocabulary.tag(wordHash(cps, i, wordEnd)));
                i = wordEnd;
            }
        }
    }

    /**
     * Adds the pairs of consecutive words of the text split by {@link #chunks} to {@code out}, if the spec asks for
     * them. Pairs run across whitespace; a CJK character breaks the chain.
     */
    void countWordBigrams(Scratch scratch, int chunks, FeatureCounter out) {
        if (!spec.wordBigrams()) {
            return;
        }
        int[] cps = scratch.codePoints;
        long previousWord = 0;
        boolean hasPreviousWord = false;
        for (int c = 0; c < chunks; c++) {
            int end = scratch.chunkEnd[c];
            for (int i = scratch.chunkStart[c]; i < end; ) {
                if (isCjk(cps[i])) {
                    hasPreviousWord = false;
                    i++;
                } else if (!Character.isLetterOrDigit(cps[i])) {
                    i++;
                } else {
                    int wordEnd = wordEnd(cps, i, end);
                    long word = wordHash(cps, i, wordEnd);
                    if (hasPreviousWord) {
                        out.add(Vocabulary.tag(finish(previousWord * BIGRAM_SEED + word)));
                    }
                    previousWord = word;
                    hasPreviousWord = true;
                    i = wordEnd;
                }
            }
        }
    }

    /** A 64-bit key of chunk {@code c}'s characters (see {@link #chunks}); never 0. */
    static long chunkKey(Scratch scratch, int c) {
        long key = mix(fnv(CHUNK_SEED, scratch.codePoints, scratch.chunkStart[c], scratch.chunkEnd[c]));
        return key == 0 ? 1 : key;
    }

    /**
     * Whether chunk {@code c} is likely to recur in other texts, so worth remembering: a short one without CJK
     * characters (an English word and its punctuation). Chinese runs whole clauses together, so its chunks rarely
     * recur.
     */
    static boolean worthRemembering(Scratch scratch, int c) {
        int start = scratch.chunkStart[c];
        int end = scratch.chunkEnd[c];
        if (end - start > MAX_REMEMBERED_CHUNK) {
            return false;
        }
        int[] cps = scratch.codePoints;
        for (int i = start; i < end; i++) {
            if (isCjk(cps[i])) {
                return false;
            }
        }
        return true;
    }

    /** The first letter or digit outside CJK at or after {@code i}, or {@code end}. */
    private static int nextWord(int[] cps, int i, int end) {
        while (i < end && (isCjk(cps[i]) || !Character.isLetterOrDigit(cps[i]))) {
            i++;
        }
        return i;
    }

    /** The end of the word starting at {@code i}: a run of non-CJK letters and digits. */
    private static int wordEnd(int[] cps, int i, int end) {
        while (i < end && Character.isLetterOrDigit(cps[i]) && !isCjk(cps[i])) {
            i++;
        }
        return i;
    }

    private static long wordHash(int[] cps, int from, int to) {
        return finish(fnv(WORD_SEED, cps, from, to));
    }

    /** FNV-1a over the code points {@code cps[from .. to)}, from {@code seed}. */
    private static long fnv(long seed, int[] cps, int from, int to) {
        long h = seed;
        for (int i = from; i < to; i++) {
            h = (h ^ cps[i]) * FNV_PRIME;
        }
        return h;
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
        if (!anyCjk && !latinNgrams) {
            return;
        }
        int cjkMin = spec.cjkMin();
        int cjkMax = spec.cjkMax();
        // In a chunk with CJK characters every single character counts, digits and punctuation included; in a
        // chunk of Latin letters a single letter says little.
        int latinMin = anyCjk ? 1 : spec.latinMin();
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
                if (cjk && n >= cjkMax) {
                    break; // every longer n-gram from here holds this CJK character too, and is too long
                }
            }
        }
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
        scratch.length = n;
        return n;
    }

    static boolean isSpace(int cp) {
        if (cp < 128) {
            return cp == ' ' || (cp >= 9 && cp <= 13);
        }
        // No whitespace or space character lies above the ideographic space, so Chinese text skips the lookup.
        return cp <= IDEOGRAPHIC_SPACE && (Character.isWhitespace(cp) || Character.isSpaceChar(cp));
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
        /** How many of {@link #codePoints} the last text filled. */
        int length;
        /** Bounds of the last text's chunks in {@link #codePoints}: chunk c is [chunkStart[c], chunkEnd[c]). */
        int[] chunkStart = new int[64];
        int[] chunkEnd = new int[64];
        int chunkCount;
        private int[] padded = new int[64];
        private int[] cjkBefore = new int[64];
        /** The features of a text or chunk. */
        final FeatureCounter counter = new FeatureCounter();
        /** A text's distinct chunks, to weigh each by how often it occurs. */
        final FeatureCounter chunkCounter = new FeatureCounter();
        /** For the i-th distinct chunk of {@link #chunkCounter}, the index of its first occurrence and its key. */
        int[] firstChunk = new int[64];
        long[] firstChunkKey = new long[64];

        static Scratch get() {
            return PER_THREAD.get();
        }

        void addChunk(int c, int start, int end) {
            if (c == chunkStart.length) {
                chunkStart = java.util.Arrays.copyOf(chunkStart, c * 2);
                chunkEnd = java.util.Arrays.copyOf(chunkEnd, c * 2);
            }
            chunkStart[c] = start;
            chunkEnd[c] = end;
        }

        /** Records that distinct chunk {@code i} first occurs as chunk {@code c}, whose key is {@code key}. */
        void firstChunk(int i, int c, long key) {
            if (i == firstChunk.length) {
                firstChunk = java.util.Arrays.copyOf(firstChunk, i * 2);
                firstChunkKey = java.util.Arrays.copyOf(firstChunkKey, i * 2);
            }
            firstChunk[i] = c;
            firstChunkKey[i] = key;
        }

        private float[] vector = new float[16];

        /** A buffer for a chunk vector that is not remembered; its first {@code n} values are to be overwritten. */
        float[] vector(int n) {
            if (vector.length < n) {
                vector = new float[n];
            }
            return vector;
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
