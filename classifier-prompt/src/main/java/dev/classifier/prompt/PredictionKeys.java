package dev.classifier.prompt;

import dev.classifier.api.Article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keys of the prediction cache: SHA-256 over everything that shapes the request and the answer, so that a key
 * names one answer. The article counts by its normalised title and body (NFKC, whitespace runs folded to one
 * space, trimmed: syndicated copies differ in little more), not by its id or metadata. The rest: the taxonomy's
 * fingerprint, the format's system message and budgets, the model with its reasoning effort and temperature,
 * the response mode, the window's policy and — when the window shows examples — the feedback store's last change-feed sequence, so new
 * or retracted feedback (which changes the examples) is never answered from before it.
 */
final class PredictionKeys {

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u3000]+");

    private final List<String> settings;

    /**
     * @param model what of the model shapes the answer: its id, reasoning effort and temperature
     */
    PredictionKeys(PromptFormat format, String model, ResponseMode mode, FeedbackWindow window) {
        this.settings = List.of("prediction-key/v2", format.taxonomy().fingerprint(),
                format.systemMessage().content(), format.toString(), model, mode.name(), window.toString());
    }

    /** The key of an article, with the store's sequence when the window shows examples (else 0). */
    String key(Article article, long feedbackSequence) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String setting : settings) {
                update(sha, setting);
            }
            update(sha, Long.toString(feedbackSequence));
            update(sha, normalise(article.title()));
            update(sha, normalise(article.body()));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    static String normalise(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so that no two field lists hash alike by shifting text between fields.
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }
}
