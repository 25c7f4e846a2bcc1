package dev.classifier.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DisplayWidthTest {

    @Test
    void chineseAndFullWidthTakeTwoColumns() {
        assertThat(DisplayWidth.of("abc")).isEqualTo(3);
        assertThat(DisplayWidth.of("体育")).isEqualTo(4);
        assertThat(DisplayWidth.of("科技 Tech")).isEqualTo(9);
        assertThat(DisplayWidth.of("ＡＢ")).as("full-width Latin").isEqualTo(4);
        assertThat(DisplayWidth.of("，。")).as("CJK punctuation").isEqualTo(4);
        assertThat(DisplayWidth.of("한국")).isEqualTo(4);
        assertThat(DisplayWidth.of("\uD840\uDC00")).as("a CJK extension B character").isEqualTo(2);
    }

    @Test
    void combiningMarksTakeNone() {
        assertThat(DisplayWidth.of("e\u0301")).isEqualTo(1);
        assertThat(DisplayWidth.of("a\u200Bb")).isEqualTo(2);
    }
}
