package dev.classifier.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

/**
 * Ids in OpenAI's shapes ({@code file-...}, {@code ftjob-...}, {@code chatcmpl-...}), drawn from a seeded
 * generator so that a test run gives the same ids each time (as long as requests come in the same order).
 */
final class Ids {

    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    synchronized String next(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)]);
        }
        return id.toString();
    }

    synchronized String hex(String prefix, int length) {
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }

    /** An id made from a name, the same every time: for things derived from others (events of a job, ...). */
    static String derived(String prefix, String name, int length) {
        UUID digest = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        Random r = new Random(digest.getMostSignificantBits() ^ digest.getLeastSignificantBits());
        StringBuilder id = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            id.append(ALPHANUMERIC[r.nextInt(ALPHANUMERIC.length)]);
        }
        return id.toString();
    }
}
