package dev.classifier.prompt;

import dev.classifier.dataset.TextNormalizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Terms for lexical similarity in Chinese and English: NFKC-folded, lower-cased words for scripts written with
 * spaces, and character bigrams for Chinese and Japanese runs (a lone character becomes a unigram), since those
 * scripts have no spaces to split words on. Invisible format characters are skipped without breaking a run.
 */
final class LexicalTerms {

    private LexicalTerms() {
    }

    static List<String> of(String text) {
        String s = TextNormalizer.normalize(text);
        List<String> terms = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int[] cjk = new int[16];
        int cjkLength = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Fence.isInvisible(cp)) {
                continue;
            }
            if (isCjk(cp)) {
                flushWord(word, terms);
                if (cjkLength == cjk.length) {
                    cjk = Arrays.copyOf(cjk, cjkLength * 2);
                }
                cjk[cjkLength++] = cp;
            } else {
                cjkLength = flushCjk(cjk, cjkLength, terms);
                if (Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK) {
                    word.appendCodePoint(cp);
                } else {
                    flushWord(word, terms);
                }
            }
        }
        flushWord(word, terms);
        flushCjk(cjk, cjkLength, terms);
        return terms;
    }

    /** Han characters, and kana letters (including the prolonged sound mark, which is not in the Katakana script). */
    static boolean isCjk(int cp) {
        if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return (block == Character.UnicodeBlock.HIRAGANA || block == Character.UnicodeBlock.KATAKANA
                || block == Character.UnicodeBlock.KATAKANA_PHONETIC_EXTENSIONS) && Character.isLetter(cp);
    }

    private static void flushWord(StringBuilder word, List<String> terms) {
        if (!word.isEmpty()) {
            terms.add(word.toString());
            word.setLength(0);
        }
    }

    private static int flushCjk(int[] run, int length, List<String> terms) {
        if (length == 1) {
            terms.add(new String(run, 0, 1));
        }
        for (int i = 0; i + 1 < length; i++) {
            terms.add(new String(run, i, 2));
        }
        return 0;
    }
}
