package dev.classifier.finetune;

import java.util.Arrays;

/**
 * Near-duplicate text detection by MinHash over character 4-grams: a text's signature is, for each of 32 seeded
 * hash functions, the smallest hash of its 4-grams; two signatures agree in about the share of positions that is the
 * texts' Jaccard similarity. Character n-grams work alike for Chinese (no spaces) and English. Texts are compared
 * in their {@code TextNormalizer} form by the caller.
 */
final class MinHasher {

    static final int SHINGLE = 4;
    static final int HASHES = 32;
    /** 8 bands of 4 rows: a pair with Jaccard 0.85 shares a band with probability 0.997, one of 0.3 with 0.06. */
    static final int BANDS = 8;
    static final int ROWS = HASHES / BANDS;

    private static final long[] SEEDS = new long[HASHES];

    static {
        long seed = 0x5DEECE66DL;
        for (int i = 0; i < HASHES; i++) {
            seed = mix(seed + i);
            SEEDS[i] = seed;
        }
    }

    private MinHasher() {
    }

    /** The distinct 4-grams of a text, each packed exactly into a long (4 UTF-16 units), sorted. */
    static long[] shingles(String text) {
        if (text.isEmpty()) {
            return new long[0];
        }
        if (text.length() < SHINGLE) {
            return new long[] {pack(text, 0, text.length())};
        }
        long[] all = new long[text.length() - SHINGLE + 1];
        for (int i = 0; i < all.length; i++) {
            all[i] = pack(text, i, i + SHINGLE);
        }
        Arrays.sort(all);
        int distinct = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[distinct++] = all[i];
            }
        }
        return Arrays.copyOf(all, distinct);
    }

    static int[] signature(long[] shingles) {
        int[] signature = new int[HASHES];
        Arrays.fill(signature, Integer.MAX_VALUE);
        for (long shingle : shingles) {
            for (int i = 0; i < HASHES; i++) {
                int h = (int) mix(shingle ^ SEEDS[i]) & Integer.MAX_VALUE;
                if (h < signature[i]) {
                    signature[i] = h;
                }
            }
        }
        return signature;
    }

    /** The key of one band of a signature: equal keys make two texts candidates. */
    static long bandKey(int[] signature, int band) {
        long key = band;
        for (int r = band * ROWS; r < (band + 1) * ROWS; r++) {
            key = mix(key * 31 + signature[r]);
        }
        return key;
    }

    /** The share of signature positions that agree: an estimate of the Jaccard similarity. */
    static double estimate(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < HASHES; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return (double) same / HASHES;
    }

    /** The exact Jaccard similarity of two sorted sets of shingles. */
    static double jaccard(long[] a, long[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    private static long pack(String text, int from, int to) {
        long packed = 0;
        for (int i = from; i < to; i++) {
            packed = (packed << 16) | text.charAt(i);
        }
        return packed;
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
