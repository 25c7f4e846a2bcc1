package dev.classifier.loop;

import dev.classifier.api.TextForms;

import java.util.Arrays;
import java.util.Locale;

/**
 * What the corrections layer reads from a text, as 64-bit hashes (no text is kept):
 * <ul>
 *   <li>the <b>key</b> of the whole text after normalisation (NFKC, lower case, every run of characters that are
 *       neither letters nor digits made one space), so that the same article with other spacing, case or
 *       punctuation has the same key;</li>
 *   <li>its <b>shingles</b>, the character 3-grams of that normalised text, whose Jaccard similarity tells
 *       near-duplicates (one word changed in a headline keeps about 0.7 of them);</li>
 *   <li>its <b>terms</b>, what a rule can be learnt on: words of other scripts (two characters or more), and the
 *       character bigrams of Chinese (Han) runs, which have no spaces.</li>
 * </ul>
 */
final class TextSignals {

    static final int SHINGLE = 3;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long WORD_SEED = 0x51afd7ed558ccd6dL;
    private static final long BIGRAM_SEED = 0xc4ceb9fe1a85ec53L;
    private static final long[] NONE = new long[0];

    private final long key;
    private final long[] shingles;
    private final long[] terms;

    private TextSignals(long key, long[] shingles, long[] terms) {
        this.key = key;
        this.shingles = shingles;
        this.terms = terms;
    }

    /** Reads the signals of a text. */
    static TextSignals of(String text) {
        int[] cps = normalised(text);
        long key = fnv(FNV_OFFSET, cps, 0, cps.length);
        return new TextSignals(key == 0 ? 1 : key, shingles(cps), terms(cps));
    }

    /** The key of the normalised text; never 0. */
    long key() {
        return key;
    }

    /** The distinct shingle hashes, sorted. */
    long[] shingles() {
        return shingles;
    }

    /** The distinct term hashes, sorted. */
    long[] terms() {
        return terms;
    }

    /** Jaccard similarity of two sorted sets of distinct hashes; 0 when either is empty. */
    static double jaccard(long[] a, long[] b) {
        return Shingles.jaccard(a, b);
    }

    /** Whether a sorted set of distinct hashes holds a value. */
    static boolean contains(long[] sorted, long value) {
        return Arrays.binarySearch(sorted, value) >= 0;
    }

    /** NFKC, lower case, letters and digits kept, every other run one space, no space at either end. */
    private static int[] normalised(String text) {
        String n = TextForms.nfkc(text).toLowerCase(Locale.ROOT);
        int[] out = new int[n.length()];
        int length = 0;
        boolean space = false;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (space && length > 0) {
                    out[length++] = ' ';
                }
                space = false;
                out[length++] = cp;
            } else {
                space = true;
            }
        }
        return Arrays.copyOf(out, length);
    }

    private static long[] shingles(int[] cps) {
        if (cps.length == 0) {
            return NONE;
        }
        if (cps.length <= SHINGLE) {
            return new long[] {mix(fnv(FNV_OFFSET, cps, 0, cps.length))};
        }
        long[] out = new long[cps.length - SHINGLE + 1];
        for (int i = 0; i < out.length; i++) {
            out[i] = mix(fnv(FNV_OFFSET, cps, i, i + SHINGLE));
        }
        return distinctSorted(out, out.length);
    }

    private static long[] terms(int[] cps) {
        long[] out = new long[cps.length];
        int count = 0;
        int i = 0;
        while (i < cps.length) {
            if (cps[i] == ' ') {
                i++;
            } else if (isHan(cps[i])) {
                int end = i;
                while (end < cps.length && isHan(cps[end])) {
                    end++;
                }
                for (int j = i; j + 2 <= end; j++) {
                    out[count++] = mix(fnv(BIGRAM_SEED, cps, j, j + 2));
                }
                i = end;
            } else {
                int end = i;
                while (end < cps.length && cps[end] != ' ' && !isHan(cps[end])) {
                    end++;
                }
                if (end - i >= 2) {
                    out[count++] = mix(fnv(WORD_SEED, cps, i, end));
                }
                i = end;
            }
        }
        return distinctSorted(out, count);
    }

    private static boolean isHan(int cp) {
        return Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN;
    }

    private static long[] distinctSorted(long[] values, int count) {
        if (count == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        int distinct = 1;
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] != sorted[distinct - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }

    private static long fnv(long seed, int[] cps, int from, int to) {
        long h = seed;
        for (int i = from; i < to; i++) {
            h = (h ^ cps[i]) * FNV_PRIME;
        }
        return h;
    }

    /** A final mix (SplitMix64's), so nearby inputs spread over all 64 bits. */
    private static long mix(long h) {
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
