package dev.classifier.eval;

/**
 * How many terminal columns text takes: East Asian wide and full-width characters (Chinese, Japanese, Korean,
 * full-width forms) take two, combining marks and format characters none, others one. This follows the
 * East Asian Width property's W and F classes by their blocks, which is what terminals do.
 */
public final class DisplayWidth {

    private DisplayWidth() {
    }

    public static int of(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += of(cp);
            i += Character.charCount(cp);
        }
        return width;
    }

    public static int of(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || codePoint == 0x200B) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F)     // Hangul Jamo initials
                || (cp >= 0x2E80 && cp <= 0x303E)  // CJK radicals, Kangxi, ideographic description, CJK symbols
                || (cp >= 0x3041 && cp <= 0x33FF)  // Hiragana, Katakana, Bopomofo, CJK compatibility
                || (cp >= 0x3400 && cp <= 0x4DBF)  // CJK extension A
                || (cp >= 0x4E00 && cp <= 0x9FFF)  // CJK unified ideographs
                || (cp >= 0xA000 && cp <= 0xA4CF)  // Yi
                || (cp >= 0xAC00 && cp <= 0xD7A3)  // Hangul syllables
                || (cp >= 0xF900 && cp <= 0xFAFF)  // CJK compatibility ideographs
                || (cp >= 0xFE30 && cp <= 0xFE4F)  // CJK compatibility forms
                || (cp >= 0xFF00 && cp <= 0xFF60)  // full-width forms
                || (cp >= 0xFFE0 && cp <= 0xFFE6)  // full-width signs
                || (cp >= 0x1F300 && cp <= 0x1F64F) // pictographs and emoticons
                || (cp >= 0x1F900 && cp <= 0x1F9FF) // supplemental pictographs
                || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and beyond
    }
}
