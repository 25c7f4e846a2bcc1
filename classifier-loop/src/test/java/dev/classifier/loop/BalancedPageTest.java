package dev.classifier.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;

class BalancedPageTest {

    /**
     * Six Business/Sci-Tech toss-ups (margins 0.01-0.06), then one unsure Sports and one unsure World article
     * (margin 0.30), then four sure articles: margin alone fills a page of four with the confusable pair.
     */
    private static List<Candidate> oneConfusablePair() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double gap = 0.01 * (i + 1);
            candidates.add(Candidate.of(article("pair" + i, "Chipmaker " + i + " reports quarterly results"),
                    scored(0.47 + gap / 2, 0.47 - gap / 2, 0.03, 0.03)));
        }
        candidates.add(Candidate.of(article("sports", "Coach quits after the derby"), scored(0.05, 0.05, 0.60, 0.30)));
        candidates.add(Candidate.of(article("world", "Ministers meet for border talks"),
                scored(0.05, 0.05, 0.30, 0.60)));
        for (int i = 0; i < 4; i++) {
            candidates.add(Candidate.of(article("sure" + i, "Striker " + i + " scores twice"),
                    scored(0.02, 0.02, 0.94, 0.02)));
        }
        return candidates;
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    private static Map<String, Long> perLabel(List<ReviewItem> items) {
        return items.stream().collect(Collectors.groupingBy(i -> i.prediction().label(), Collectors.counting()));
    }

    @Test
    void marginAloneSpendsAPageOnOneConfusablePair() {
        List<ReviewItem> page = ReviewQueue.builder(NEWS).diversity(0).build().rank(oneConfusablePair(), 4);
        assertThat(ids(page)).containsExactly("pair0", "pair1", "pair2", "pair3");
    }

    @Test
    void aBalancedPageSpreadsOverThePredictedLabelsInMarginOrderWithinEach() {
        List<ReviewItem> page = ReviewQueue.builder(NEWS).diversity(0).balanced(true).build()
                .rank(oneConfusablePair(), 4);
        // Each label's most uncertain item in turn: all pair items are predicted Business (its score is higher).
        assertThat(ids(page)).containsExactly("pair0", "sports", "world", "pair1");
        assertThat(perLabel(page)).containsEntry("Business", 2L).containsEntry("Sports", 1L)
                .containsEntry("World", 1L);
        // The policy and its reason are the margin's: balance decides the order, not what is measured.
        assertThat(page.get(1).policy()).isEqualTo(ReviewPolicy.MARGIN);
        assertThat(page.get(1).reason()).isEqualTo("small margin: Sports 0.60 against World 0.30, 0.30 apart");
    }

    @Test
    void aLabelWithNothingLeftLeavesItsTurnToTheOthers() {
        List<ReviewItem> page = ReviewQueue.builder(NEWS).diversity(0).balanced(true).build()
                .rank(oneConfusablePair(), 12);
        assertThat(page).hasSize(12);
        // Sports has the unsure article and four sure ones; World only one: the page still fills up.
        assertThat(perLabel(page)).containsEntry("Business", 6L).containsEntry("Sports", 5L)
                .containsEntry("World", 1L);
    }

    @Test
    void theLiveQueueBalancesItsPagesToo() {
        ReviewQueue live = ReviewQueue.builder(NEWS).diversity(0).balanced(true).build();
        live.offerAll(oneConfusablePair());
        assertThat(ids(live.next(3))).containsExactly("pair0", "sports", "world");
        assertThat(ids(live.take(3))).containsExactly("pair0", "sports", "world");
        assertThat(ids(live.next(2))).containsExactly("pair1", "sure0");
    }

    @Test
    void chineseArticlesAreBalancedAlike() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            candidates.add(Candidate.of(article("对" + i, "芯片公司第" + i + "季度营收公布"),
                    scored(0.48 + 0.01 * i, 0.46, 0.03, 0.03)));
        }
        candidates.add(Candidate.of(article("体育", "主帅在德比战后辞职"), scored(0.05, 0.05, 0.55, 0.35)));
        assertThat(ids(ReviewQueue.builder(NEWS).diversity(0).build().rank(candidates, 2)))
                .containsExactly("对0", "对1");
        assertThat(ids(ReviewQueue.builder(NEWS).diversity(0).balanced(true).build().rank(candidates, 2)))
                .containsExactly("对0", "体育");
    }
}
