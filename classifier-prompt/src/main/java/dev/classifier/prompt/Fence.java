package dev.classifier.prompt;

/**
 * The code fence around an article: a run of backticks longer than any backtick-like run inside the text, so
 * no line of the text can close it (a Markdown fence closes only on a run at least as long as the opening one).
 *
 * <p>Runs are measured conservatively: full-width and other look-alike grave accents count as backticks, and
 * invisible format characters (zero-width spaces, joiners, BOM, ...) between them do not break a run, since a
 * model may read "`\u200B`\u200B`" as three backticks.
 */
final class Fence {

    /** The shortest fence; Markdown needs three. */
    static final int MIN_LENGTH = 3;

    private Fence() {
    }

    /** The fence (a string of backticks) for a text. */
    static String forText(String text) {
        return "`".repeat(Math.max(MIN_LENGTH, longestRun(text) + 1));
    }

    /** The longest run of backtick-like characters in {@code text}, counting through invisible format characters. */
    static int longestRun(String text) {
        int longest = 0;
        int current = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isBacktickLike(cp)) {
                current++;
                longest = Math.max(longest, current);
            } else if (!isInvisible(cp)) {
                current = 0;
            }
        }
        return longest;
    }

    static boolean isBacktickLike(int cp) {
        return cp == '`'          // grave accent
                || cp == 0xFF40   // full-width grave accent
                || cp == 0x02CB   // modifier letter grave accent
                || cp == 0x1FEF   // Greek varia
                || cp == 0x2035;  // reversed prime
    }

    /** Format characters (Cf: zero-width space/joiners, BOM, bidi controls) and variation selectors. */
    static boolean isInvisible(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || (cp >= 0xFE00 && cp <= 0xFE0F)
                || cp == 0x200B;
    }
}
