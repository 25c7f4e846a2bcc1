package dev.classifier.loop;

import java.util.Arrays;
import java.util.Locale;

/**
 * The n-grams two texts are compared by: words and word pairs for scripts with spaces, character pairs for
 * Chinese, Japanese and Korean (which have none), hashed and sorted. Only the first {@link #MAX_CODE_POINTS} code
 * points are read: two stories that open alike are alike for a review page.
 */
final class Shingles {

    static final int MAX_CODE_POINTS = 2000;

    private Shingles() {
    }

    /** The distinct shingle hashes of a text, sorted. */
    static long[] of(String text) {
        int[] cps = text.toLowerCase(Locale.ROOT).codePoints().limit(MAX_CODE_POINTS).toArray();
        long[] out = new long[cps.length * 2 + 2];
        int size = 0;
        long previousWord = 0;
        int i = 0;
        while (i < cps.length) {
            int cp = cps[i];
            if (isCjk(cp)) {
                boolean pair = i + 1 < cps.length && isCjk(cps[i + 1]);
                boolean alone = !pair && (i == 0 || !isCjk(cps[i - 1]));
                if (pair) {
                    out[size++] = hash(hash(0x43, cp), cps[i + 1]);
                } else if (alone) {
                    out[size++] = hash(0x43, cp);
                }
                previousWord = 0;
                i++;
            } else if (Character.isLetterOrDigit(cp)) {
                long word = 0x57;
                int j = i;
                while (j < cps.length && Character.isLetterOrDigit(cps[j]) && !isCjk(cps[j])) {
                    word = hash(word, cps[j]);
                    j++;
                }
                out[size++] = word;
                if (previousWord != 0) {
                    out[size++] = hash(previousWord, (int) (word ^ (word >>> 32)));
                }
                previousWord = word;
                i = j;
            } else {
                i++;
            }
        }
        long[] shingles = Arrays.copyOf(out, size);
        Arrays.sort(shingles);
        int distinct = 0;
        for (int k = 0; k < shingles.length; k++) {
            if (k == 0 || shingles[k] != shingles[k - 1]) {
                shingles[distinct++] = shingles[k];
            }
        }
        return Arrays.copyOf(shingles, distinct);
    }

    /** Shared shingles over all shingles of the two (Jaccard); 0 when both are empty. */
    static double jaccard(long[] a, long[] b) {
        int shared = shared(a, b);
        int union = a.length + b.length - shared;
        return union == 0 ? 0.0 : (double) shared / union;
    }

    static int shared(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

    static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }

    private static long hash(long h, int cp) {
        long x = (h ^ cp) * 0x100000001b3L;
        x ^= x >>> 29;
        return x * 0xbf58476d1ce4e5b9L;
    }
}
