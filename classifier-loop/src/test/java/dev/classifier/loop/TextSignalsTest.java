package dev.classifier.loop;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextSignalsTest {

    @Test
    void theKeyIgnoresCaseWidthSpacingAndPunctuation() {
        assertThat(TextSignals.of("Contoso, unveils  its RESULTS!").key())
                .isEqualTo(TextSignals.of("contoso unveils its results").key())
                .isNotEqualTo(TextSignals.of("contoso unveils her results").key());
        assertThat(TextSignals.of("基金净值创新高！").key()).isEqualTo(TextSignals.of("基金净值创新高").key());
        assertThat(TextSignals.of("ＡＢＣ　１２３").key()).as("full width").isEqualTo(TextSignals.of("abc 123").key());
    }

    @Test
    void nearDuplicatesShareMostShinglesAndOtherTextsFew() {
        long[] a = TextSignals.of("Contoso unveils its quarterly results as cloud sales grow").shingles();
        long[] b = TextSignals.of("Contoso unveils quarterly results as cloud sales grow").shingles();
        long[] c = TextSignals.of("Goalkeeper saves two penalties in the shoot-out").shingles();
        assertThat(TextSignals.jaccard(a, a)).isEqualTo(1.0);
        assertThat(TextSignals.jaccard(a, b)).isGreaterThan(0.75);
        assertThat(TextSignals.jaccard(a, c)).isLessThan(0.2);
        long[] zh1 = TextSignals.of("今年以来多只基金净值创下历史新高").shingles();
        long[] zh2 = TextSignals.of("今年以来多只基金净值创出历史新高").shingles();
        long[] zh3 = TextSignals.of("基金经理看好科技板块").shingles();
        assertThat(TextSignals.jaccard(zh1, zh2)).as("one character changed").isGreaterThan(0.6);
        assertThat(TextSignals.jaccard(zh1, zh3)).isLessThan(0.1);
    }

    @Test
    void termsAreWordsAndChineseBigrams() {
        TextSignals en = TextSignals.of("Microsoft's new Windows, a big deal");
        assertThat(en.terms()).contains(TextSignals.of("microsoft").terms()[0], TextSignals.of("windows").terms()[0]);
        assertThat(en.terms()).as("single letters are not terms: microsoft, s, new, windows, a, big, deal")
                .hasSize(5);
        TextSignals zh = TextSignals.of("基金经理");
        assertThat(zh.terms()).as("基金, 金经, 经理").hasSize(3)
                .contains(TextSignals.of("买基金").terms()[1]);
    }
}
