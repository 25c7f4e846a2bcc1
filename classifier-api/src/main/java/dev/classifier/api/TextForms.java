package dev.classifier.api;

import java.text.Normalizer;

/**
 * The Unicode form in which the library compares text: labels in a {@link Taxonomy}, the local model's n-grams, a
 * prompt's cache keys.
 */
public final class TextForms {

    private TextForms() {
    }

    /**
     * The NFKC form of the text: full-width letters, digits and punctuation as their plain forms, compatibility
     * characters as their canonical ones. Text that NFKC leaves alone (every character below U+00A0 or a CJK
     * unified ideograph: English, and most Chinese headlines' characters) is returned as it is without calling the
     * normaliser, whose first use in a process loads the JDK's tables (about 2 ms of a command-line start).
     *
     * @param text the text
     * @return its NFKC form; the same string when it is already in that form by the rule above
     */
    public static String nfkc(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0xA0 && (c < 0x4E00 || c > 0x9FFF)) {
                return Normalizer.normalize(text, Normalizer.Form.NFKC);
            }
        }
        return text;
    }
}
