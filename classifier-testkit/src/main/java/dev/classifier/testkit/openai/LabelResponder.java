package dev.classifier.testkit.openai;

import dev.classifier.api.TextForms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The default responder: a deterministic classifier for tests. It reads the labels the request allows
 * ({@link ChatRequest#labels()}, else the labels given here), tries its rules in order on the last user message
 * (the article), and answers the label of the first rule that matches and is allowed; else the fallback label
 * when it is allowed; else the first allowed label.
 * <pre>{@code
 * LabelResponder.builder()
 *         .rule("goal", "sports").rule("选举", "politics")
 *         .fallback("Uncategorized")
 *         .build();
 * }</pre>
 * Keywords match case-insensitively, after Unicode NFKC folding (so full-width forms match too). Where a keyword
 * starts or ends with a Latin letter or digit, the text must not continue it there ({@code "ai"} does not match
 * "rain", but matches "AI chips"); Chinese keywords match anywhere, as Chinese has no spaces between words.
 */
public final class LabelResponder implements Responder {

    /** The fallback when none is given: the classifier API's default fallback label. */
    public static final String DEFAULT_FALLBACK = "Uncategorized";

    private final List<Rule> rules;
    private final String fallback;
    private final List<String> defaultLabels;
    private final double ruleConfidence;
    private final double fallbackConfidence;

    private LabelResponder(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.fallback = b.fallback;
        this.defaultLabels = List.copyOf(b.labels);
        this.ruleConfidence = b.ruleConfidence;
        this.fallbackConfidence = b.fallbackConfidence;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** No rules: always the fallback (or the first label). */
    public static LabelResponder create() {
        return builder().build();
    }

    @Override
    public Reply respond(ChatRequest request) {
        List<String> allowed = request.labels();
        if (allowed.isEmpty()) {
            allowed = defaultLabels;
        }
        String article = fold(request.lastUserText());
        for (Rule rule : rules) {
            if (isAllowed(rule.label, allowed) && rule.test.test(article)) {
                return Reply.label(rule.label, "The text " + rule.description + ".", ruleConfidence);
            }
        }
        if (isAllowed(fallback, allowed)) {
            return Reply.label(fallback, "No rule matched the text.", fallbackConfidence);
        }
        return Reply.label(allowed.get(0), "No rule matched the text; the first label was taken.",
                fallbackConfidence);
    }

    private static boolean isAllowed(String label, List<String> allowed) {
        return allowed.isEmpty() || allowed.contains(label);
    }

    /** Whether {@code keyword} occurs in {@code text} without being glued to Latin letters or digits around it. */
    static boolean containsWord(String text, String keyword) {
        for (int at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
            int end = at + keyword.length();
            boolean startFree = !isLatinWordChar(keyword.charAt(0)) || at == 0 || !isLatinWordChar(text.charAt(at - 1));
            boolean endFree = !isLatinWordChar(keyword.charAt(keyword.length() - 1)) || end == text.length()
                    || !isLatinWordChar(text.charAt(end));
            if (startFree && endFree) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLatinWordChar(char c) {
        return c < 0x250 && Character.isLetterOrDigit(c);
    }

    static String fold(String text) {
        return TextForms.nfkc(text).toLowerCase(Locale.ROOT);
    }

    private record Rule(Predicate<String> test, String label, String description) {
    }

    @Override
    public String toString() {
        return "LabelResponder[" + rules.size() + " rules, fallback=" + fallback + "]";
    }

    /** Rules in order, a fallback, and the confidences written to logprobs. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private String fallback = DEFAULT_FALLBACK;
        private final List<String> labels = new ArrayList<>();
        private double ruleConfidence = 0.92;
        private double fallbackConfidence = 0.55;

        private Builder() {
        }

        /** When the article contains {@code keyword} (any case), answer {@code label}. */
        public Builder rule(String keyword, String label) {
            Objects.requireNonNull(keyword, "keyword");
            requireLabel(label);
            if (keyword.isBlank()) {
                throw new IllegalArgumentException("a rule's keyword is blank (label '" + label + "')");
            }
            String folded = fold(keyword);
            rules.add(new Rule(text -> containsWord(text, folded), label, "mentions '" + keyword + "'"));
            return this;
        }

        /** When {@code test} accepts the article (lower-cased, NFKC-folded), answer {@code label}. */
        public Builder rule(Predicate<String> test, String label) {
            Objects.requireNonNull(test, "test");
            requireLabel(label);
            rules.add(new Rule(test, label, "matches a rule for '" + label + "'"));
            return this;
        }

        /** The label when no rule matches ({@value #DEFAULT_FALLBACK} unless set). */
        public Builder fallback(String label) {
            requireLabel(label);
            this.fallback = label;
            return this;
        }

        /** Labels to choose among when a request names none (no schema enum, no list in its instructions). */
        public Builder labels(String... allowed) {
            for (String label : allowed) {
                requireLabel(label);
                labels.add(label);
            }
            return this;
        }

        /** The probability the logprobs give a label chosen by a rule, and one chosen by default. */
        public Builder confidence(double byRule, double byDefault) {
            requireProbability(byRule);
            requireProbability(byDefault);
            this.ruleConfidence = byRule;
            this.fallbackConfidence = byDefault;
            return this;
        }

        public LabelResponder build() {
            return new LabelResponder(this);
        }

        private static void requireLabel(String label) {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("label is blank");
            }
        }

        private static void requireProbability(double p) {
            if (!(p > 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("confidence must be in (0,1], was " + p);
            }
        }
    }
}
