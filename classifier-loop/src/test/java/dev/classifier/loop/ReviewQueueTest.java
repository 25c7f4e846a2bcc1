package dev.classifier.loop;

import dev.classifier.api.Prediction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReviewQueueTest {

    // Three predictions on which the policies disagree:
    //   sure:    one label at 0.90
    //   twoWay:  0.48 / 0.47 / 0.03 / 0.02 -> lowest margin; top 0.48
    //   flat:    0.40 / 0.20 / 0.20 / 0.20 -> lowest top (least confidence) and highest entropy; margin 0.20
    private final List<Candidate> three = List.of(
            Candidate.of(article("sure", "Striker scores twice in the derby"), scored(0.04, 0.03, 0.90, 0.03)),
            Candidate.of(article("twoWay", "Chipmaker reports record profit"), scored(0.48, 0.47, 0.03, 0.02)),
            Candidate.of(article("flat", "Officials meet to talk about the plan"), scored(0.20, 0.20, 0.20, 0.40)));

    private static ReviewQueue queue(ReviewPolicy policy) {
        return ReviewQueue.builder(NEWS).policy(policy).diversity(0).build();
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    @Test
    void eachUncertaintyPolicyPutsItsMostUncertainItemFirst() {
        assertThat(ids(queue(ReviewPolicy.LEAST_CONFIDENCE).rank(three, 3))).containsExactly("flat", "twoWay", "sure");
        assertThat(ids(queue(ReviewPolicy.MARGIN).rank(three, 3))).containsExactly("twoWay", "flat", "sure");
        assertThat(ids(queue(ReviewPolicy.ENTROPY).rank(three, 3))).containsExactly("flat", "twoWay", "sure");
    }

    @Test
    void eachItemSaysWhichPolicyChoseItWithTheValueAndTheLabels() {
        ReviewItem margin = queue(ReviewPolicy.MARGIN).rank(three, 1).get(0);
        assertThat(margin.policy()).isEqualTo(ReviewPolicy.MARGIN);
        assertThat(margin.value()).isCloseTo(0.01, within(1e-9));
        assertThat(margin.labels()).containsExactly("Business", "Sci/Tech");
        assertThat(margin.reason()).isEqualTo("small margin: Business 0.48 against Sci/Tech 0.47, 0.01 apart");

        ReviewItem least = queue(ReviewPolicy.LEAST_CONFIDENCE).rank(three, 1).get(0);
        assertThat(least.value()).isCloseTo(0.40, within(1e-9));
        assertThat(least.reason()).isEqualTo("least confident: World is only 0.40 likely; next is Business 0.20");

        ReviewItem entropy = queue(ReviewPolicy.ENTROPY).rank(three, 1).get(0);
        assertThat(entropy.labels()).containsExactly("World", "Business", "Sci/Tech");
        assertThat(entropy.reason()).startsWith("spread-out scores: entropy 0.96 of its most over 4 labels (World 0.40");
    }

    @Test
    void theZeroScoreFallbackIsLeftOutOfMarginAndEntropy() {
        // Local classifiers list the fallback with 0: over the four real labels an even split is the most entropy.
        ReviewItem even = queue(ReviewPolicy.ENTROPY)
                .rank(List.of(Candidate.of(article("a", "text"), scored(0.25, 0.25, 0.25, 0.25))), 1).get(0);
        assertThat(even.value()).isCloseTo(1.0, within(1e-9));
        assertThat(even.reason()).contains("over 4 labels");

        // A classifier that scores only its label: the rest of the mass is some other label, not the fallback's 0.
        Prediction partial = Predictions.withScores("Business", 0.8,
                Map.of("Business", 0.8, NEWS.fallback(), 0.0));
        ReviewItem margin = queue(ReviewPolicy.MARGIN).rank(List.of(Candidate.of(article("b", "text"), partial)), 1)
                .get(0);
        assertThat(margin.value()).isCloseTo(0.6, within(1e-9));
        assertThat(margin.labels()).containsExactly("Business");
        assertThat(margin.reason()).isEqualTo("small margin: Business 0.80 against any other label 0.20, 0.60 apart");
    }

    @Test
    void aPredictionWithOnlyAConfidenceIsMeasuredFromIt() {
        Prediction bare = Prediction.of("Sports", 0.7, "prompt");
        ReviewItem item = queue(ReviewPolicy.LEAST_CONFIDENCE).rank(List.of(Candidate.of(article("c", "t"), bare)), 1)
                .get(0);
        assertThat(item.value()).isCloseTo(0.7, within(1e-9));
        assertThat(item.reason()).endsWith("(no scores: from the confidence alone)");
    }

    @Test
    void anUnreadableTextComesFirstAndAnUnmeasurableOneLast() {
        List<Candidate> candidates = new ArrayList<>(three);
        candidates.add(Candidate.of(article("unknown", "Ελληνικά νέα"), Predictions.unreadable()));
        candidates.add(Candidate.of(article("noConfidence", "words"), Prediction.of("World", Double.NaN, "prompt")));
        List<ReviewItem> ranked = queue(ReviewPolicy.MARGIN).rank(candidates, 5);
        assertThat(ids(ranked)).containsExactly("unknown", "twoWay", "flat", "sure", "noConfidence");
        assertThat(ranked.get(0).value()).isNaN();
        assertThat(ranked.get(0).reason()).contains("could not read it").contains("Uncategorized");
        assertThat(ranked.get(4).reason()).startsWith("no confidence or scores to measure");
    }

    @Test
    void disagreementRanksTwoClassifiersThatDisagreeConfidentlyFirst() {
        List<Candidate> pairs = List.of(
                Candidate.of(article("agree", "a"), scored("local", 0.8, 0.1, 0.05, 0.05),
                        scored("embeddings", 0.85, 0.05, 0.05, 0.05)),
                Candidate.of(article("clash", "b"), scored("local", 0.85, 0.05, 0.05, 0.05),
                        scored("embeddings", 0.05, 0.85, 0.05, 0.05)),
                Candidate.of(article("unsure", "c"), scored("local", 0.5, 0.4, 0.05, 0.05),
                        scored("embeddings", 0.4, 0.5, 0.05, 0.05)));
        List<ReviewItem> ranked = queue(ReviewPolicy.DISAGREEMENT).rank(pairs, 3);
        assertThat(ids(ranked)).containsExactly("clash", "unsure", "agree");
        assertThat(ranked.get(0).labels()).containsExactly("Business", "Sci/Tech");
        assertThat(ranked.get(0).reason()).startsWith(
                "the classifiers disagree: local says Business (0.85), embeddings says Sci/Tech (0.85)");
        assertThat(ranked.get(2).reason()).startsWith("the classifiers agree on the label but not on how sure");
        // Without scores, a different label is all the disagreement there is.
        ReviewItem bare = queue(ReviewPolicy.DISAGREEMENT).rank(List.of(Candidate.of(article("d", "d"),
                Prediction.of("Sports", 0.9, "prompt"), Prediction.of("World", 0.9, "local"))), 1).get(0);
        assertThat(bare.value()).isEqualTo(1.0);

        assertThatThrownBy(() -> queue(ReviewPolicy.DISAGREEMENT).rank(three, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("article 'sure'").hasMessageContaining("second prediction");
    }

    @Test
    void randomOrderIsFixedBySeedAndIdAndChangesWithTheSeed() {
        List<Candidate> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Candidate.of(article("a" + i, "text " + i), scored(0.7, 0.1, 0.1, 0.1)));
        }
        ReviewQueue seeded = ReviewQueue.builder(NEWS).policy(ReviewPolicy.RANDOM).diversity(0).seed(7).build();
        List<String> first = ids(seeded.rank(many, 50));
        List<Candidate> reversed = new ArrayList<>(many);
        java.util.Collections.reverse(reversed);
        assertThat(ids(seeded.rank(reversed, 50))).isEqualTo(first);
        assertThat(first).isNotEqualTo(many.stream().map(Candidate::articleId).toList());
        List<String> other = ids(ReviewQueue.builder(NEWS).policy(ReviewPolicy.RANDOM).diversity(0).seed(8).build()
                .rank(many, 50));
        assertThat(other).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
        assertThat(seeded.rank(many, 1).get(0).reason()).startsWith("random order (the baseline): draw 0.");
    }

    @Test
    void theBudgetCapsTheRankingAndAnArticleCountsOnce() {
        List<Candidate> candidates = new ArrayList<>(three);
        candidates.add(Candidate.of(article("sure", "Striker scores twice in the derby"), scored(0.5, 0.5, 0, 0)));
        ReviewQueue queue = queue(ReviewPolicy.MARGIN);
        assertThat(ids(queue.rank(candidates, 2))).containsExactly("sure", "twoWay");
        assertThat(queue.rank(candidates, 0)).isEmpty();
        assertThat(queue.rank(candidates, 10)).hasSize(3);
        assertThatThrownBy(() -> queue.rank(candidates, -1)).hasMessageContaining("budget must be >= 0");
    }

    @Test
    void diversityKeepsCopiesOfOneStoryOffAPage() {
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // six near-copies of one story, all very uncertain
            candidates.add(Candidate.of(article("copy" + i, "Central bank raises interest rates again, edition " + i),
                    scored(0.34, 0.33, 0.0, 0.33)));
        }
        candidates.add(Candidate.of(article("tennis", "Tennis champion reaches the final"), scored(0.3, 0.1, 0.5, 0.1)));
        candidates.add(Candidate.of(article("chip", "New phone chip unveiled by startup"), scored(0.2, 0.6, 0.1, 0.1)));

        assertThat(ids(queue(ReviewPolicy.MARGIN).rank(candidates, 3))).containsExactly("copy0", "copy1", "copy2");
        List<String> diverse = ids(ReviewQueue.builder(NEWS).policy(ReviewPolicy.MARGIN).diversity(0.5).build()
                .rank(candidates, 3));
        assertThat(diverse).containsExactly("copy0", "tennis", "chip");
    }

    @Test
    void diversityReadsChineseAsCharacterPairs() {
        List<Candidate> candidates = List.of(
                Candidate.of(article("zh1", "央行宣布下调存款准备金率"), scored(0.34, 0.33, 0.0, 0.33)),
                Candidate.of(article("zh2", "央行宣布下调存款准备金率０.５个百分点"), scored(0.34, 0.33, 0.0, 0.33)),
                Candidate.of(article("zh3", "国足客场战平对手"), scored(0.3, 0.1, 0.5, 0.1)));
        ReviewQueue queue = ReviewQueue.builder(NEWS).policy(ReviewPolicy.MARGIN).diversity(0.5).build();
        assertThat(ids(queue.rank(candidates, 2))).containsExactly("zh1", "zh3");
        assertThat(Shingles.jaccard(Shingles.of("央行宣布下调存款准备金率"), Shingles.of("央行宣布下调存款准备金率０.５个百分点")))
                .isGreaterThan(0.6);
        assertThat(Shingles.jaccard(Shingles.of("央行宣布下调存款准备金率"), Shingles.of("国足客场战平对手"))).isZero();
    }

    @Test
    void theBuilderFailsFast() {
        assertThatThrownBy(() -> ReviewQueue.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> ReviewQueue.builder(NEWS).diversity(1.0)).hasMessageContaining("diversity");
        assertThatThrownBy(() -> ReviewQueue.builder(NEWS).diversity(-0.1)).hasMessageContaining("diversity");
        assertThatThrownBy(() -> ReviewQueue.builder(NEWS).capacity(0)).hasMessageContaining("capacity");
        assertThatThrownBy(() -> ReviewQueue.builder(NEWS).policy(null)).isInstanceOf(NullPointerException.class);
    }
}
