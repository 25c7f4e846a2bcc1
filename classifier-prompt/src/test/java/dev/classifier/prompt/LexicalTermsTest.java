package dev.classifier.prompt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalTermsTest {

    @Test
    void latinWordsAreFoldedAndCjkRunsBecomeBigrams() {
        assertThat(LexicalTerms.of("Apple's NEW iPhone 16 发布会在北京举行"))
                .containsExactly("apple", "s", "new", "iphone", "16", "发布", "布会", "会在", "在北", "北京", "京举", "举行");
    }

    @Test
    void aLoneCjkCharacterIsAUnigram() {
        assertThat(LexicalTerms.of("A股 涨 B股")).containsExactly("a", "股", "涨", "b", "股");
    }

    @Test
    void fullWidthFormsAreFoldedAndInvisibleCharactersIgnored() {
        assertThat(LexicalTerms.of("ＧＤＰ增长\u200B率 Wo\u200Drld")).containsExactly("gdp", "增长", "长率", "world");
    }

    @Test
    void japaneseKanaIsBigrammedAndAccentsStayInWords() {
        assertThat(LexicalTerms.of("ニュース café")).containsExactly("ニュ", "ュー", "ース", "café");
    }

    @Test
    void bm25RanksRareSharedTermsHigherAndForgetsRemovedDocuments() {
        Bm25Index index = new Bm25Index();
        index.add(0, LexicalTerms.of("the market rose"));
        index.add(1, LexicalTerms.of("the team won the cup"));
        index.add(2, LexicalTerms.of("the market fell as the team sold"));

        List<Bm25Index.Hit> hits = index.top(LexicalTerms.of("market"), 3, doc -> true, Integer::compare);
        assertThat(hits).extracting(Bm25Index.Hit::doc).containsExactly(0, 2);
        // Lucene's BM25 idf and length norm, with the (k1 + 1) factor: doc 0 has 3 terms, the average is 5 (3, 5, 7).
        double idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
        double expected = idf * 2.2 / (1 + 1.2 * (0.25 + 0.75 * 3 / 5.0));
        assertThat(hits.get(0).score()).isCloseTo((float) expected, org.assertj.core.data.Offset.offset(1e-5f));

        index.remove(0, LexicalTerms.of("the market rose"));
        assertThat(index.top(LexicalTerms.of("market"), 3, doc -> true, Integer::compare))
                .extracting(Bm25Index.Hit::doc).containsExactly(2);
        assertThat(index.liveDocs()).isEqualTo(2);
    }
}
