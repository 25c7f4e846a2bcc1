package dev.classifier.finetune;

/**
 * A 64-bit fingerprint of text, for finding repeated examples in one pass without keeping their text: FNV-1a over
 * the UTF-16 units, then SplitMix64's finaliser to spread the bits. Not cryptographic: two different texts collide
 * with a chance of about n²/2⁶⁵ for n texts, negligible for any training file.
 */
final class Fingerprint64 {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Fingerprint64() {
    }

    static long of(CharSequence text) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            hash = (hash ^ (c & 0xff)) * FNV_PRIME;
            hash = (hash ^ (c >>> 8)) * FNV_PRIME;
        }
        return mix(hash ^ text.length());
    }

    /** Combines two fingerprints in order. */
    static long combine(long first, long second) {
        return mix(first * 31 + second);
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
