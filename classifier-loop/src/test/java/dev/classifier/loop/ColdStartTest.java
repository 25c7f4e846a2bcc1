package dev.classifier.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColdStartTest {

    /** An uncertain outlier first, then five sure articles that share their words, then a sure outlier. */
    private static List<Candidate> outlierAndCrowd() {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(Candidate.of(article("outlier", "Zoo keepers name a newborn panda cub"),
                scored(0.46, 0.44, 0.05, 0.05)));
        List<String> crowd = List.of("Bank shares rise as quarterly profit beats forecasts",
                "Retailer shares fall as quarterly profit misses forecasts",
                "Carmaker shares rise after quarterly profit jumps",
                "Airline shares fall as quarterly profit shrinks",
                "Chipmaker shares rise as quarterly profit beats forecasts");
        for (int i = 0; i < crowd.size(); i++) {
            candidates.add(Candidate.of(article("crowd" + i, crowd.get(i)), scored(0.80 - 0.01 * i, 0.10, 0.05, 0.05)));
        }
        candidates.add(Candidate.of(article("lonely", "Volcano erupts on a remote island"),
                scored(0.05, 0.05, 0.05, 0.85)));
        return candidates;
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    @Test
    void theColdStartPicksTypicalItemsFirstAndThenThePolicyTakesOver() {
        ReviewQueue queue = ReviewQueue.builder(NEWS).diversity(0).coldStart(3).build();
        List<ReviewItem> first = queue.rank(outlierAndCrowd(), 2);
        assertThat(ids(first)).allMatch(id -> id.startsWith("crowd"));
        assertThat(first.get(0).reason()).startsWith("cold start: typical of the 7 items ranked with it (density 1.00"
                + " of the most typical)").contains("small margin: Business");
        // One cold item left: the next page starts with the most typical remaining one, then ranks by margin.
        List<ReviewItem> second = queue.rank(outlierAndCrowd(), 2);
        assertThat(second.get(0).articleId()).startsWith("crowd");
        assertThat(second.get(0).reason()).startsWith("cold start");
        assertThat(second.get(1).articleId()).isEqualTo("outlier");
        assertThat(second.get(1).reason()).isEqualTo("small margin: Business 0.46 against Sci/Tech 0.44, 0.02 apart");
        // Spent: the policy alone from now on.
        assertThat(ids(queue.rank(outlierAndCrowd(), 1))).containsExactly("outlier");
    }

    @Test
    void withoutAColdStartTheMarginDecidesFromTheFirstPage() {
        assertThat(ids(ReviewQueue.builder(NEWS).diversity(0).build().rank(outlierAndCrowd(), 1)))
                .containsExactly("outlier");
    }

    @Test
    void lookingAtTheLiveQueueSpendsNoColdStartButTakingDoes() {
        ReviewQueue live = ReviewQueue.builder(NEWS).diversity(0).coldStart(1).build();
        live.offerAll(outlierAndCrowd());
        assertThat(live.next(1).get(0).articleId()).startsWith("crowd");
        assertThat(live.next(1).get(0).articleId()).startsWith("crowd");
        assertThat(live.take(1).get(0).reason()).startsWith("cold start");
        assertThat(ids(live.next(1))).containsExactly("outlier");
    }

    @Test
    void eachTakenItemCountsOnce() {
        ReviewQueue live = ReviewQueue.builder(NEWS).diversity(0).coldStart(2).build();
        live.offerAll(outlierAndCrowd());
        assertThat(live.take(1).get(0).reason()).startsWith("cold start");
        assertThat(live.take(1).get(0).reason()).startsWith("cold start");
        assertThat(ids(live.take(1))).containsExactly("outlier");
    }

    @Test
    void aReviewPageThatShowsWithNextAndRemovesWhatWasReviewedEndsTheColdStartToo() {
        ReviewQueue live = ReviewQueue.builder(NEWS).diversity(0).coldStart(2).build();
        live.offerAll(outlierAndCrowd());
        for (int reviewed = 0; reviewed < 2; reviewed++) {
            ReviewItem shown = live.next(1).get(0);
            assertThat(shown.reason()).startsWith("cold start");
            assertThat(live.remove(shown.articleId())).isPresent();
        }
        assertThat(live.remove("never offered")).isEmpty();
        assertThat(ids(live.next(1))).containsExactly("outlier");
    }

    @Test
    void chineseTextIsColdStartedAlike() {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(Candidate.of(article("熊猫", "动物园为新生大熊猫幼崽取名"), scored(0.46, 0.44, 0.05, 0.05)));
        List<String> crowd = List.of("银行股价上涨季度利润超预期", "零售商股价下跌季度利润不及预期",
                "汽车制造商股价上涨季度利润大增");
        for (int i = 0; i < crowd.size(); i++) {
            candidates.add(Candidate.of(article("股" + i, crowd.get(i)), scored(0.80, 0.10, 0.05, 0.05)));
        }
        List<ReviewItem> page = ReviewQueue.builder(NEWS).diversity(0).coldStart(1).build().rank(candidates, 2);
        assertThat(page.get(0).articleId()).startsWith("股");
        assertThat(page.get(1).articleId()).isEqualTo("熊猫");
    }

    @Test
    void aNegativeColdStartIsRefused() {
        assertThatThrownBy(() -> ReviewQueue.builder(NEWS).coldStart(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coldStart");
    }
}
