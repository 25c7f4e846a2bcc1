package dev.classifier.dataset;

import dev.classifier.api.TextForms;

import java.util.Locale;

/**
 * The form of a text used to compare texts (de-duplication, lookups): NFKC (full-width letters and digits become
 * ASCII, compatibility forms are folded), lower case by {@link Locale#ROOT}, invisible zero-width characters removed,
 * every run of whitespace (any Unicode space, the ideographic one included) made one space, and trimmed.
 * Chinese characters pass through unchanged.
 */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    public static String normalize(String text) {
        String folded = TextForms.nfkc(text).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length());
        boolean pendingSpace = false;
        for (int i = 0; i < folded.length(); ) {
            int codePoint = folded.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isZeroWidth(codePoint)) {
                continue;
            }
            if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    /** Characters that show nothing and take no space, so two texts differing only in them look the same. */
    private static boolean isZeroWidth(int codePoint) {
        switch (codePoint) {
            case 0x00AD: // soft hyphen
            case 0x200B: // zero width space
            case 0x200C: // zero width non-joiner
            case 0x200D: // zero width joiner
            case 0x200E: // left-to-right mark
            case 0x200F: // right-to-left mark
            case 0x2060: // word joiner
            case 0xFEFF: // zero width no-break space (byte order mark)
                return true;
            default:
                return false;
        }
    }
}
