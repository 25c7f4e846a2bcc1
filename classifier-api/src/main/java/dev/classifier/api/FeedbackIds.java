package dev.classifier.api;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Time-sortable ids in the ULID layout: 48 bits of milliseconds and 80 random bits, as 26 Crockford base-32
 * characters. Ids made in one JVM are strictly increasing, even within one millisecond.
 */
public final class FeedbackIds {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static long lastMillis = -1;
    private static long randomHigh; // 16 bits
    private static long randomLow;  // 64 bits

    private FeedbackIds() {
    }

    /**
     * A new id for the current time.
     *
     * @return 26 characters, greater than every id this JVM made before
     */
    public static String next() {
        return next(System.currentTimeMillis());
    }

    static synchronized String next(long millis) {
        if (millis <= lastMillis) {
            // Same (or an earlier, clock went back) millisecond: count up from the last id so order holds.
            millis = lastMillis;
            randomLow++;
            if (randomLow == 0) {
                randomHigh = (randomHigh + 1) & 0xFFFF;
            }
        } else {
            lastMillis = millis;
            randomHigh = RANDOM.nextInt(1 << 16);
            randomLow = RANDOM.nextLong();
        }
        return encode(millis, randomHigh, randomLow);
    }

    /**
     * The creation time encoded in an id made here.
     *
     * @param id a feedback id (26 Crockford base-32 characters, either case)
     * @return the millisecond it was made in
     * @throws IllegalArgumentException if the id is not 26 characters or its time part is not base-32
     */
    public static Instant timeOf(String id) {
        if (id.length() != 26) {
            throw new IllegalArgumentException("not a feedback id: '" + id + "'");
        }
        long millis = 0;
        for (int i = 0; i < 10; i++) {
            int digit = new String(ALPHABET).indexOf(Character.toUpperCase(id.charAt(i)));
            if (digit < 0) {
                throw new IllegalArgumentException("not a feedback id: '" + id + "'");
            }
            millis = (millis << 5) | digit;
        }
        return Instant.ofEpochMilli(millis);
    }

    private static String encode(long millis, long high16, long low64) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits = 16 characters of 5 bits, taken from the right.
        long lo = low64;
        long hi = high16;
        for (int i = 25; i >= 10; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo = (lo >>> 5) | ((hi & 31) << 59);
            hi >>>= 5;
        }
        return new String(out);
    }
}
