package dev.classifier.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextFeaturesTest {

    private static List<Long> features(FeatureSpec spec, String text) {
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        int n = new TextFeatures(spec).count(text, scratch);
        List<Long> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tags.add(scratch.counter.key(i));
        }
        return tags;
    }

    private static int countOf(FeatureSpec spec, String text, long tag) {
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        int n = new TextFeatures(spec).count(text, scratch);
        for (int i = 0; i < n; i++) {
            if (scratch.counter.key(i) == tag) {
                return scratch.counter.count(i);
            }
        }
        return 0;
    }

    @Test
    void aChineseHeadlineWithoutSpacesYieldsItsCharactersAndTheirNeighbours() {
        FeatureSpec spec = FeatureSpec.defaults().withCjk(1, 2).withWords(false, false);
        // 4 characters: 4 unigrams, 3 inner bigrams and 2 bigrams with the chunk's boundaries.
        assertThat(features(spec, "央行降息")).hasSize(4 + 3 + 2);
        // A whitespace tokeniser would see one token; here the headlines share the characters they share.
        List<Long> a = features(spec, "央行降息");
        List<Long> b = features(spec, "央行加息");
        List<Long> shared = new ArrayList<>(a);
        shared.retainAll(b);
        assertThat(shared).hasSize(6); // 央, 行, 息, 央行, and the bigrams with the boundaries: " 央", "息 "
        assertThat(features(spec, "降")).hasSize(3).containsAnyElementsOf(a).doesNotContainAnyElementsOf(b);
    }

    @Test
    void cjkAndLatinNgramsHaveTheirOwnLengthRanges() {
        FeatureSpec spec = new FeatureSpec(1, 1, 3, 3, false, false, true);
        // CJK: one feature per character. Latin "ab" padded to " ab " gives the 3-grams " ab" and "ab ".
        assertThat(features(spec, "新闻")).hasSize(2);
        assertThat(features(spec, "ab")).hasSize(2);
        // No Latin 1-grams at all: a single letter padded is one 3-gram.
        assertThat(features(spec, "a")).hasSize(1);
    }

    @Test
    void aSingleSpaceBesideChineseDoesNotSplitTheChunk() {
        TextFeatures features = new TextFeatures(FeatureSpec.defaults());
        TextFeatures.Scratch scratch = TextFeatures.Scratch.get();
        assertThat(features.chunks("词汇阅读是关键 08年考研 暑期", scratch)).isEqualTo(1);
        assertThat(features.chunks("apple iphone", scratch)).isEqualTo(2);
        assertThat(features.chunks("关键  08年", scratch)).isEqualTo(2); // two spaces
        assertThat(features.chunks("关键\n08年", scratch)).isEqualTo(2); // a line break
        assertThat(features.chunks(" 关键 ", scratch)).isEqualTo(1);
    }

    @Test
    void spacesAreTheUnicodeOnesUpToTheIdeographicSpace() {
        for (int cp : new int[] {' ', '\t', '\n', 0x00A0, 0x2003, 0x3000}) {
            assertThat(TextFeatures.isSpace(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'a', '中', 0x1C, 0x3001, 0xFF0C}) {
            assertThat(TextFeatures.isSpace(cp)).as("U+%04X", cp).isFalse();
        }
    }

    @Test
    void inAChunkWithChineseEverySingleCharacterIsAFeature() {
        FeatureSpec spec = new FeatureSpec(1, 1, 3, 3, false, false, true);
        // 新, :, 闻; every 3-gram holding ":" also holds a CJK character, so none is Latin.
        assertThat(features(spec, "新:闻")).hasSize(3);
        // Latin only: the 3-grams " a:", "a:b", ":b " and no single characters.
        assertThat(features(spec, "a:b")).hasSize(3);
    }

    @Test
    void fullWidthFormsAndCaseFoldToThePlainText() {
        FeatureSpec spec = FeatureSpec.defaults();
        assertThat(features(spec, "ＡＢＣ　Ｎｅｗｓ")).isEqualTo(features(spec, "abc news"));
        assertThat(features(spec, "iPhone１５发布")).isEqualTo(features(spec, "IPHONE15发布"));
    }

    @Test
    void wordsAreFeaturesOnlyOutsideCjkRuns() {
        FeatureSpec wordsOnly = new FeatureSpec(1, 1, 8, 8, true, true, true);
        // "stock markets": no Latin 8-gram fits the padded words " stock " (7) and " markets " (9) gives 2;
        // plus 2 word unigrams and 1 bigram.
        assertThat(features(wordsOnly, "stock markets")).hasSize(2 + 2 + 1);
        // A CJK run breaks the bigram chain: "apple 发布 iphone" has no word bigram.
        assertThat(features(wordsOnly, "apple 发布 iphone"))
                .isEqualTo(features(wordsOnly.withWords(true, false), "apple 发布 iphone"));
        assertThat(features(wordsOnly, "apple iphone"))
                .hasSize(features(wordsOnly.withWords(true, false), "apple iphone").size() + 1);
    }

    @Test
    void repeatedNgramsAreCounted() {
        FeatureSpec spec = FeatureSpec.defaults().withWords(true, false);
        long tagOfHa = features(spec.withLatin(2, 2).withWords(false, false), "ha").get(0); // " h"
        assertThat(countOf(spec, "ha ha ha", tagOfHa)).isEqualTo(3);
    }

    @Test
    void emptyAndWhitespaceTextsHaveNoFeatures() {
        assertThat(features(FeatureSpec.defaults(), "")).isEmpty();
        assertThat(features(FeatureSpec.defaults(), " \n\t ")).isEmpty();
    }

    @Test
    void cjkPunctuationAndKanaCountAsCjk() {
        assertThat(TextFeatures.isCjk('《')).isTrue();
        assertThat(TextFeatures.isCjk('の')).isTrue();
        assertThat(TextFeatures.isCjk('中')).isTrue();
        assertThat(TextFeatures.isCjk('a')).isFalse();
        assertThat(TextFeatures.isCjk('한')).isFalse(); // Korean is written with spaces
    }
}
