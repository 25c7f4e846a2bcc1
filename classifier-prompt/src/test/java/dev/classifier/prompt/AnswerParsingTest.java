package dev.classifier.prompt;

import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.classifier.prompt.ParsedAnswer.Resolution.EXACT;
import static dev.classifier.prompt.ParsedAnswer.Resolution.FALLBACK;
import static dev.classifier.prompt.ParsedAnswer.Resolution.RESOLVED;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerParsingTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Sports", "").category("Sci/Tech", "").category("财经", "").build();

    private static ParsedAnswer parse(String raw) {
        return PromptFormat.parseAnswer(raw, TAXONOMY);
    }

    @Test
    void readsPlainJson() {
        assertThat(parse("{\"label\":\"Sports\",\"reason\":\"A \\\"cup\\\" final {3-1}.\"}"))
                .isEqualTo(new ParsedAnswer("Sports", "A \"cup\" final {3-1}.", EXACT));
    }

    @Test
    void readsJsonInACodeFenceOrInProse() {
        assertThat(parse("```json\n{\"label\": \"财经\", \"reason\": \"股市\"}\n```"))
                .isEqualTo(new ParsedAnswer("财经", "股市", EXACT));
        assertThat(parse("Sure! Here is my answer: {\"label\": \"Sci/Tech\", \"reason\": \"chips\"} Hope it helps {:}"))
                .isEqualTo(new ParsedAnswer("Sci/Tech", "chips", EXACT));
        assertThat(parse("<think>maybe {\"label\":\"Sports\"}?</think>{\"label\":\"财经\",\"reason\":\"r\"}"))
                .isEqualTo(new ParsedAnswer("财经", "r", EXACT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sports|Sports",
            "'  \"SPORTS\" '|Sports",
            "ｓｐｏｒｔｓ|Sports",
            "[Sci/Tech]|Sci/Tech",
            "Label: sci/tech.|Sci/Tech",
            "类别：财经。|财经",
            "This article is clearly about sports.|Sports",
            "这是一篇财经新闻|财经",
            "{\"label\": \"sports \", \"reason\": \"x\"}|Sports"})
    void resolvesNearMissesAndBareLabels(String written, String label) {
        ParsedAnswer answer = parse(written);

        assertThat(answer.label()).isEqualTo(label);
        assertThat(answer.resolution()).isEqualTo(RESOLVED);
        assertThat(answer.flags()).containsExactly(Prediction.Flag.RESOLVED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Weather",
            "It is either sports or sci/tech.",
            "{\"reason\": \"no label given\"}",
            "{\"label\": \"Politics\", \"reason\": \"kept\"}",
            "''",
            "{\"label\": null}"})
    void givesTheFallbackWhenNoLabelCanBeRead(String written) {
        ParsedAnswer answer = parse(written);

        assertThat(answer.label()).isEqualTo(TAXONOMY.fallback());
        assertThat(answer.resolution()).isEqualTo(FALLBACK);
        assertThat(answer.flags()).containsExactly(Prediction.Flag.FALLBACK);
    }

    @Test
    void keepsTheReasonWhenTheLabelFallsBack() {
        assertThat(parse("{\"label\": \"Politics\", \"reason\": \"kept\"}").reason()).isEqualTo("kept");
    }

    @Test
    void aBareLabelWrittenExactlyIsExact() {
        assertThat(parse("\"财经\"")).isEqualTo(new ParsedAnswer("财经", "", EXACT));
        assertThat(parse("  Sci/Tech\n")).isEqualTo(new ParsedAnswer("Sci/Tech", "", EXACT));
    }

    @Test
    void theFallbackLabelWrittenExactlyIsExact() {
        assertThat(parse("{\"label\":\"Uncategorized\",\"reason\":\"none fits\"}").resolution()).isEqualTo(EXACT);
    }
}
