package dev.classifier.dataset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    @Test
    void foldsFullWidthFormsAndCase() {
        assertThat(TextNormalizer.normalize("ＡＢＣ　１２３ Ｎｅｗｓ")).isEqualTo("abc 123 news");
    }

    @Test
    void leavesChineseCharactersAsTheyAre() {
        assertThat(TextNormalizer.normalize("央行降息，股市上涨！")).isEqualTo("央行降息,股市上涨!");
    }

    @Test
    void removesZeroWidthCharacters() {
        assertThat(TextNormalizer.normalize("央\u200B行\u200C降\u200D息\u2060 \uFEFFnews\u00AD")).isEqualTo("央行降息 news");
    }

    @Test
    void collapsesEveryKindOfWhitespaceAndTrims() {
        assertThat(TextNormalizer.normalize(" \t Stocks\u00A0\u00A0rally \n\r\n 股市\u3000\u3000上涨 \u2003"))
                .isEqualTo("stocks rally 股市 上涨");
    }

    @Test
    void lowerCasesIndependentlyOfTheDefaultLocale() {
        // Under a Turkish default locale, toLowerCase() would turn "I" into a dotless ı.
        assertThat(TextNormalizer.normalize("TITLE İstanbul")).isEqualTo("title i̇stanbul");
    }

    @Test
    void textsThatLookTheSameNormaliseTheSame() {
        assertThat(TextNormalizer.normalize("  Ｂａｎｋ\u200B ＣＵＴＳ rates "))
                .isEqualTo(TextNormalizer.normalize("bank cuts\trates"));
    }

    @Test
    void nothingButSpaceNormalisesToEmpty() {
        assertThat(TextNormalizer.normalize(" \u200B\u3000 ")).isEmpty();
    }
}
