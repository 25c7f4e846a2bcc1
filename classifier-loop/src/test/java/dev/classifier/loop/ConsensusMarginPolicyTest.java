package dev.classifier.loop;

import dev.classifier.api.Prediction;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.classifier.loop.Predictions.NEWS;
import static dev.classifier.loop.Predictions.article;
import static dev.classifier.loop.Predictions.scored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ConsensusMarginPolicyTest {

    private static ReviewQueue queue(ReviewPolicy policy) {
        return ReviewQueue.builder(NEWS).policy(policy).diversity(0).build();
    }

    private static List<String> ids(List<ReviewItem> items) {
        return items.stream().map(ReviewItem::articleId).toList();
    }

    // bothUnsure: both split Business / Sci/Tech      -> mean 0.45 / 0.45: the smallest consensus margin
    // clash:      each sure of another label          -> mean 0.45 / 0.45 too, but Sports and World
    // leaning:    they differ, one of them barely     -> mean Business 0.675 against Sci/Tech 0.275
    // agree:      both sure of Sports                 -> a wide margin
    private final List<Candidate> pairs = List.of(
            Candidate.of(article("agree", "Striker scores twice"), scored("local", 0.05, 0.05, 0.85, 0.05),
                    scored("embeddings", 0.05, 0.05, 0.85, 0.05)),
            Candidate.of(article("leaning", "Chipmaker profit"), scored("local", 0.90, 0.05, 0.025, 0.025),
                    scored("embeddings", 0.45, 0.50, 0.025, 0.025)),
            Candidate.of(article("bothUnsure", "Phone maker results"), scored("local", 0.46, 0.44, 0.05, 0.05),
                    scored("embeddings", 0.44, 0.46, 0.05, 0.05)),
            Candidate.of(article("clash", "Minister opens stadium"), scored("local", 0.05, 0.05, 0.86, 0.04),
                    scored("embeddings", 0.05, 0.05, 0.04, 0.86)));

    @Test
    void whatBothAreUnsureOfAndWhatTheyClashOnComeFirst() {
        List<ReviewItem> ranked = queue(ReviewPolicy.CONSENSUS_MARGIN).rank(pairs, 4);
        assertThat(ids(ranked)).containsExactly("bothUnsure", "clash", "leaning", "agree");
        // Disagreement alone would put the two that agree on Business-or-Sci/Tech last but one.
        assertThat(ids(queue(ReviewPolicy.DISAGREEMENT).rank(pairs, 4)).indexOf("bothUnsure")).isEqualTo(2);
    }

    @Test
    void eachItemSaysTheMeanAndWhatEachClassifierSaid() {
        ReviewItem first = queue(ReviewPolicy.CONSENSUS_MARGIN).rank(pairs, 1).get(0);
        assertThat(first.policy()).isEqualTo(ReviewPolicy.CONSENSUS_MARGIN);
        assertThat(first.value()).isCloseTo(0.0, within(1e-9));
        assertThat(first.labels()).containsExactly("Business", "Sci/Tech");
        assertThat(first.reason()).isEqualTo("small margin of the two classifiers together: Business 0.45 against"
                + " Sci/Tech 0.45, 0.00 apart (local says Business (0.46), embeddings says Sci/Tech (0.46))");
    }

    @Test
    void aClassifierThatCouldNotReadTheTextLeavesTheOtherToDecide() {
        ReviewItem one = queue(ReviewPolicy.CONSENSUS_MARGIN).rank(List.of(Candidate.of(article("x", "Ελληνικά"),
                Predictions.unreadable(), scored("embeddings", 0.6, 0.3, 0.05, 0.05))), 1).get(0);
        assertThat(one.value()).isCloseTo(0.3, within(1e-9));
        ReviewItem neither = queue(ReviewPolicy.CONSENSUS_MARGIN).rank(List.of(Candidate.of(article("y", "Ελληνικά"),
                Predictions.unreadable(), Predictions.unreadable())), 1).get(0);
        assertThat(neither.value()).isNaN();
        assertThat(neither.priority()).isEqualTo(1.0);
        assertThat(neither.reason()).contains("could not read it");
    }

    @Test
    void predictionsWithOnlyAConfidenceAreMeasuredFromIt() {
        ReviewItem bare = queue(ReviewPolicy.CONSENSUS_MARGIN).rank(List.of(Candidate.of(article("z", "央行宣布降息"),
                Prediction.of("Business", 0.9, "prompt"), Prediction.of("Sci/Tech", 0.7, "local"))), 1).get(0);
        // mean: Business 0.45, Sci/Tech 0.35, any other label 0.2
        assertThat(bare.value()).isCloseTo(0.10, within(1e-9));
        assertThat(bare.labels()).containsExactly("Business", "Sci/Tech");
    }

    @Test
    void itNeedsASecondPrediction() {
        List<Candidate> single = List.of(Candidate.of(article("solo", "text"), scored(0.5, 0.5, 0, 0)));
        assertThatThrownBy(() -> queue(ReviewPolicy.CONSENSUS_MARGIN).rank(single, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the margin of two classifiers together policy needs a second prediction for article"
                        + " 'solo': offer Candidate.of(article, first, second)");
        assertThat(ReviewPolicy.CONSENSUS_MARGIN.words()).isEqualTo("margin of two classifiers together");
    }
}
