package dev.classifier.loop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DensityMarginPolicyTest {

    private static ReviewQueue queue(ReviewPolicy policy) {
        return ReviewQueue.builder(NEWS).policy(policy).diversity(0).build();
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    /** An uncertain outlier offered first, an equally uncertain article like five others, and those five. */
    private static List<Candidate> outlierAndCrowd(String outlier, String typical, List<String> crowd) {
        List<Candidate> candidates = new ArrayList<>();
        candidates.add(Candidate.of(article("outlier", outlier), scored(0.46, 0.44, 0.05, 0.05)));
        candidates.add(Candidate.of(article("typical", typical), scored(0.46, 0.44, 0.05, 0.05)));
        for (int i = 0; i < crowd.size(); i++) {
            candidates.add(Candidate.of(article("crowd" + i, crowd.get(i)), scored(0.80, 0.10, 0.05, 0.05)));
        }
        return candidates;
    }

    private final List<Candidate> english = outlierAndCrowd(
            "Zoo keepers name a newborn panda cub",
            "Chipmaker shares rise as quarterly profit beats forecasts",
            List.of("Bank shares rise as quarterly profit beats forecasts",
                    "Retailer shares fall as quarterly profit misses forecasts",
                    "Carmaker shares rise after quarterly profit jumps",
                    "Airline shares fall as quarterly profit shrinks",
                    "Software maker shares rise on quarterly profit"));

    @Test
    void anUncertainArticleThatStandsForManyGoesBeforeAnEquallyUncertainOutlier() {
        // Plain margin ties the two and keeps the order offered; weighted by density the typical one goes first,
        // and an outlier that shares nothing with the batch goes even after the surer articles of the crowd.
        assertThat(ids(queue(ReviewPolicy.MARGIN).rank(english, 2))).containsExactly("outlier", "typical");
        List<String> ranked = ids(queue(ReviewPolicy.DENSITY_MARGIN).rank(english, 7));
        assertThat(ranked.get(0)).isEqualTo("typical");
        assertThat(ranked.get(6)).isEqualTo("outlier");
    }

    @Test
    void eachItemSaysItsMarginAndHowTypicalItIs() {
        List<ReviewItem> ranked = queue(ReviewPolicy.DENSITY_MARGIN).rank(english, 7);
        ReviewItem typical = ranked.get(0);
        assertThat(typical.policy()).isEqualTo(ReviewPolicy.DENSITY_MARGIN);
        assertThat(typical.value()).isCloseTo(0.02, within(1e-9));
        assertThat(typical.labels()).containsExactly("Business", "Sci/Tech");
        assertThat(typical.reason()).startsWith("small margin: Business 0.46 against Sci/Tech 0.44, 0.02 apart;"
                + " typical of the 7 items ranked with it: density ");
        ReviewItem outlier = ranked.stream().filter(i -> i.articleId().equals("outlier")).findFirst().orElseThrow();
        assertThat(outlier.priority()).isLessThan(typical.priority());
        assertThat(outlier.reason()).contains("density 0.00 of the most typical");
        assertThat(ReviewPolicy.DENSITY_MARGIN.words()).isEqualTo("margin weighted by density");
    }

    @Test
    void chineseHeadlinesAreComparedByCharacterPairs() {
        List<Candidate> chinese = outlierAndCrowd("动物园大熊猫幼崽取名", "芯片公司季度利润超预期股价上涨",
                List.of("银行季度利润超预期股价上涨", "零售商季度利润不及预期股价下跌", "车企季度利润大增股价上涨",
                        "航空公司季度利润下滑股价下跌", "软件公司季度利润增长股价上涨"));
        List<String> ranked = ids(queue(ReviewPolicy.DENSITY_MARGIN).rank(chinese, 7));
        assertThat(ranked.get(0)).isEqualTo("typical");
        assertThat(ranked.get(6)).isEqualTo("outlier");
    }

    @Test
    void anUnreadableTextStillComesFirst() {
        List<Candidate> candidates = new ArrayList<>(english);
        candidates.add(Candidate.of(article("unknown", "Ελληνικά νέα"), Predictions.unreadable()));
        List<ReviewItem> ranked = queue(ReviewPolicy.DENSITY_MARGIN).rank(candidates, 1);
        assertThat(ids(ranked)).containsExactly("unknown");
        assertThat(ranked.get(0).reason()).doesNotContain("density");
    }

    @Test
    void theLiveQueueWeighsByDensityAmongTheItemsInContention() {
        ReviewQueue live = queue(ReviewPolicy.DENSITY_MARGIN);
        live.offerAll(english);
        assertThat(ids(live.next(1))).containsExactly("typical");
        assertThat(ids(live.take(1))).containsExactly("typical");
        assertThat(live.size()).isEqualTo(6);
        // Among what is left, the crowd is what the outlier is unlike: it still waits.
        assertThat(ids(live.next(6)).get(5)).isEqualTo("outlier");
    }

    @Test
    void densitySharesAreMeanCosinesScaledToTheMostTypical() {
        long[] a = Shingles.of("oil prices rise");
        long[] b = Shingles.of("oil prices fall");
        long[] c = Shingles.of("panda cub born");
        double[] shares = Density.shares(List.of(a, b, c));
        assertThat(shares[0]).isEqualTo(1.0);
        assertThat(shares[1]).isEqualTo(1.0);
        assertThat(shares[2]).isZero();
        // Nothing to tell apart: one text, or texts that share nothing, are all equally typical.
        assertThat(Density.shares(List.of(a))).containsExactly(1.0);
        assertThat(Density.shares(List.of(a, c))).containsExactly(1.0, 1.0);
        assertThat(Density.shares(List.of())).isEmpty();
    }
}
