package dev.classifier.loop.bench;

import java.util.regex.Pattern;

/**
 * A keyword of the rule-change bench, matched on word boundaries, case ignored (for Chinese, which has no spaces,
 * anywhere in the text). Only the bench knows it; the corrections layer is never told.
 */
record Keyword(String word, String newLabel, Pattern pattern) {

    static Keyword of(String word, String newLabel) {
        boolean latin = word.chars().allMatch(c -> c < 128);
        Pattern pattern = latin
                ? Pattern.compile("\\b" + Pattern.quote(word) + "\\b",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS)
                : Pattern.compile(Pattern.quote(word));
        return new Keyword(word, newLabel, pattern);
    }

    boolean in(String text) {
        return pattern.matcher(text).find();
    }

    @Override
    public String toString() {
        return word + " → " + newLabel;
    }
}
