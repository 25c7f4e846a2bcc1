package dev.classifier.review;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The terms two texts are compared by: lower-cased words of letters and digits (two characters or more) for
 * alphabetic scripts, and overlapping character pairs for Chinese, Japanese and Korean runs, which have no spaces
 * (a lone character counts by itself).
 */
final class TextTokens {

    private TextTokens() {
    }

    static Set<String> of(String text) {
        Set<String> terms = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        StringBuilder cjk = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (isCjk(cp)) {
                flushWord(word, terms);
                cjk.appendCodePoint(cp);
            } else if (Character.isLetterOrDigit(cp)) {
                flushCjk(cjk, terms);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, terms);
                flushCjk(cjk, terms);
            }
        });
        flushWord(word, terms);
        flushCjk(cjk, terms);
        return terms;
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (word.codePointCount(0, word.length()) >= 2) {
            terms.add(word.toString().toLowerCase(Locale.ROOT));
        }
        word.setLength(0);
    }

    private static void flushCjk(StringBuilder run, Set<String> terms) {
        int[] cps = run.codePoints().toArray();
        if (cps.length == 1) {
            terms.add(new String(cps, 0, 1));
        }
        for (int i = 0; i + 1 < cps.length; i++) {
            terms.add(new String(cps, i, 2));
        }
        run.setLength(0);
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
