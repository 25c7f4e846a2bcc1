package dev.classifier.prompt;

import dev.classifier.api.Article;
import dev.classifier.api.TextForms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Keys of the prediction cache: SHA-256 over everything that shapes the request and the answer, so that a key
 * names one answer. The article counts by its normalised title and body (NFKC, whitespace runs folded to one
 * space, trimmed: syndicated copies differ in little more), not by its id or metadata. The rest: the taxonomy's
 * fingerprint, the format's system message and budgets, the model with its reasoning effort and temperature,
 * the response mode, the window's policy and — when the window shows examples — the feedback store's last
 * change-feed sequence, so new or retracted feedback (which changes the examples) is never answered from before it.
 *
 * <p>The settings are the same for every key: they are hashed once, and each key continues from a copy of that
 * digest (the system message alone is a kilobyte or more).
 */
final class PredictionKeys {

    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest settingsDigest;

    /**
     * @param model what of the model shapes the answer: its id, reasoning effort and temperature
     */
    PredictionKeys(PromptFormat format, String model, ResponseMode mode, FeedbackWindow window) {
        try {
            this.settingsDigest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        for (String setting : List.of("prediction-key/v2", format.taxonomy().fingerprint(),
                format.systemMessage().content(), format.toString(), model, mode.name(), window.toString())) {
            update(settingsDigest, setting);
        }
    }

    /** The key of an article, with the store's sequence when the window shows examples (else 0). */
    String key(Article article, long feedbackSequence) {
        MessageDigest sha = copyOfSettings();
        update(sha, Long.toString(feedbackSequence));
        update(sha, normalise(article.title()));
        update(sha, normalise(article.body()));
        return HEX.formatHex(sha.digest());
    }

    private MessageDigest copyOfSettings() {
        try {
            return (MessageDigest) settingsDigest.clone(); // the original is never updated after construction
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JVM's SHA-256 cannot be copied", e);
        }
    }

    /**
     * NFKC, then every run of whitespace (ASCII whitespace, no-break and ideographic spaces) as one space, then
     * {@link String#strip()}.
     */
    static String normalise(String text) {
        String nfkc = TextForms.nfkc(text);
        StringBuilder folded = null;
        int n = nfkc.length();
        for (int i = 0; i < n; i++) {
            if (!isFoldedSpace(nfkc.charAt(i))) {
                if (folded != null) {
                    folded.append(nfkc.charAt(i));
                }
                continue;
            }
            int end = i + 1;
            while (end < n && isFoldedSpace(nfkc.charAt(end))) {
                end++;
            }
            if (folded == null) {
                if (end == i + 1 && nfkc.charAt(i) == ' ') {
                    continue; // a single plain space stays as it is
                }
                folded = new StringBuilder(n).append(nfkc, 0, i);
            }
            folded.append(' ');
            i = end - 1;
        }
        return (folded == null ? nfkc : folded.toString()).strip();
    }

    /** {@code [\s\u00A0\u2007\u202F\u3000]}: what {@link #normalise} folds. */
    private static boolean isFoldedSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00A0' || c == '\u2007' || c == '\u202F'
                || c == '\u3000';
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so that no two field lists hash alike by shifting text between fields.
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }
}
