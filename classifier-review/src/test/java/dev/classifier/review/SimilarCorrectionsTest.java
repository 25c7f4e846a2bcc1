package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimilarCorrectionsTest {

    static Feedback correction(String id, String articleId, String title, String from, String to, String reason) {
        return Feedback.correction(Article.of(articleId, title, "")).from(from).to(to).because(reason).withId(id);
    }

    final SimilarCorrections index = new SimilarCorrections();

    SimilarCorrectionsTest() {
        index.add(correction("f1", "x1", "苹果公司季度营收创新高", "Technology", "Business", "财报属于商业"));
        index.add(correction("f2", "x2", "国足晋级世界杯决赛", "Politics", "Sports", "比赛是体育"));
        index.add(correction("f3", "x3", "Chipmaker quarterly revenue beats forecasts", "Technology", "Business",
                "results are Business"));
        index.add(correction("f4", "x4", "Striker signs for a new club", "Business", "Sports", "a transfer is Sports"));
    }

    @Test
    void findsTheChineseCorrectionThatSharesTheMostCharacterPairs() {
        List<SimilarCorrections.Match> matches = index.like(Article.of("q", "华为公司季度营收下滑", ""), 3, 0.05);
        assertThat(matches).isNotEmpty();
        assertThat(matches.get(0).correction().id()).isEqualTo("f1");
        assertThat(matches).extracting(m -> m.correction().id()).doesNotContain("f3", "f4");
        assertThat(matches.get(0).score()).isBetween(0.05, 1.0);
    }

    @Test
    void findsTheEnglishCorrectionByItsWordsInAnyCase() {
        List<SimilarCorrections.Match> matches = index.like(Article.of("q", "QUARTERLY REVENUE of a chipmaker", ""),
                3, 0.05);
        assertThat(matches).extracting(m -> m.correction().id()).first().isEqualTo("f3");
    }

    @Test
    void leavesOutTheArticlesOwnCorrectionAndUnrelatedOnes() {
        assertThat(index.like(Article.of("x1", "苹果公司季度营收创新高", ""), 3, 0.05))
                .extracting(m -> m.correction().id()).doesNotContain("f1");
        assertThat(index.like(Article.of("q", "Weather: sunny", ""), 3, 0.05)).isEmpty();
    }

    @Test
    void aRemovedCorrectionIsNoLongerFound() {
        index.remove("f1");
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.like(Article.of("q", "华为公司季度营收下滑", ""), 3, 0.05))
                .extracting(m -> m.correction().id()).doesNotContain("f1");
    }

    @Test
    void anIdenticalTextScoresOne() {
        List<SimilarCorrections.Match> matches = index.like(Article.of("q", "国足晋级世界杯决赛", ""), 1, 0.05);
        assertThat(matches.get(0).score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void termsAreWordsAndChineseCharacterPairs() {
        assertThat(TextTokens.of("Apple's iPhone 16 发布会")).containsExactly("apple", "iphone", "16", "发布", "布会");
        assertThat(TextTokens.of("a 中 b")).containsExactly("中");
    }
}
