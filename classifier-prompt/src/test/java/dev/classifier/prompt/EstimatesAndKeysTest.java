package dev.classifier.prompt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EstimatesAndKeysTest {

    @Test
    void anEstimateIsConsistent() {
        CostEstimate estimate = new CostEstimate(2_000, 1_500, 900_000, 60_000, 0.171);
        assertThat(estimate.costPerThousandArticles()).isCloseTo(0.0855, within(1e-12));
        assertThat(new CostEstimate(0, 0, 0, 0, 0).costPerThousandArticles()).isZero();
        assertThatThrownBy(() -> new CostEstimate(1, 2, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void predictionKeysFoldWhitespaceAndWidthButNotWords() {
        assertThat(PredictionKeys.normalise("  Ａｐｐｌｅ\u3000发布\n\n新品 ")).isEqualTo("Apple 发布 新品");
        PredictionKeys keys = new PredictionKeys(PromptFormat.of(ServerFixture.TAXONOMY), "gpt-6-luna|effort=none",
                ResponseMode.JSON_SCHEMA, FeedbackWindow.none());
        var a = dev.classifier.api.Article.of("1", "Title", "Body  text");
        var b = dev.classifier.api.Article.of("2", "Title ", "Body text");
        var c = dev.classifier.api.Article.of("3", "Title Body", "text");
        assertThat(keys.key(a, 0)).isEqualTo(keys.key(b, 0)).isNotEqualTo(keys.key(c, 0)).isNotEqualTo(keys.key(a, 1));
        PredictionKeys otherModel = new PredictionKeys(PromptFormat.of(ServerFixture.TAXONOMY), "gpt-6-luna|effort=low",
                ResponseMode.JSON_SCHEMA, FeedbackWindow.none());
        assertThat(otherModel.key(a, 0)).isNotEqualTo(keys.key(a, 0));
    }

    /** What normalise did before its fast paths: NFKC, then a regular expression. */
    private static String normaliseByRegex(String text) {
        return java.util.regex.Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\u3000]+")
                .matcher(java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC)).replaceAll(" ").strip();
    }

    @Test
    void normalisingWithoutTheRegexGivesWhatTheRegexGave() {
        String[] pieces = {"a", "Apple", "苹果", "Ａｐｐｌｅ", " ", "  ", "\t", "\n", "\r\n", "\u000B", "\f", "\u00A0",
                "\u2007", "\u202F", "\u3000", "\u2028", "\u1680", "\u2003", "\u001F", "ﬁ", "①", "é", "e\u0301", "😀"};
        java.util.Random random = new java.util.Random(12);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int j = random.nextInt(8); j > 0; j--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(PredictionKeys.normalise(text.toString())).as("normalise(\"%s\")", text)
                    .isEqualTo(normaliseByRegex(text.toString()));
        }
    }
}
