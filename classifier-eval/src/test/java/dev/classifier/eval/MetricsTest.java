package dev.classifier.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Confusion matrix, per-label metrics and macro-F1 on examples worked out by hand. */
class MetricsTest {

    private static final double EPS = 1e-12;

    /*
     * Seven articles over labels A, B, C, D:
     *   gold A -> A, A, B      gold B -> B, A      gold C -> A, (failed)      D never occurs
     * A: TP 2, predicted 4, support 3 -> P 1/2, R 2/3, F1 4/7
     * B: TP 1, predicted 2, support 2 -> P 1/2, R 1/2, F1 1/2
     * C: never predicted -> P 0 by convention; R 0/2 = 0; F1 0
     * D: no support, never predicted -> all 0 and left out of macro-F1
     * macro-F1 = (4/7 + 1/2 + 0) / 3 = 5/14; accuracy 3/7
     */
    private static ConfusionMatrix handExample() {
        return ConfusionMatrix.of(List.of("A", "B", "C", "D"),
                List.of("A", "A", "A", "B", "B", "C", "C"),
                List.of(Optional.of("A"), Optional.of("A"), Optional.of("B"), Optional.of("B"), Optional.of("A"),
                        Optional.of("A"), Optional.empty()));
    }

    @Test
    void confusionCountsPairsAndFailuresPerGoldRow() {
        ConfusionMatrix m = handExample();
        assertThat(m.labels()).containsExactly("A", "B", "C", "D");
        assertThat(m.rows()).containsExactly(List.of(2, 1, 0, 0), List.of(1, 1, 0, 0), List.of(1, 0, 0, 0), List.of(0, 0, 0, 0));
        assertThat(m.failedByGold()).containsExactly(0, 0, 1, 0);
        assertThat(m.count("C", "A")).isEqualTo(1);
        assertThat(m.rowTotal(2)).isEqualTo(2);
        assertThat(m.columnTotal(0)).isEqualTo(4);
        assertThat(m.correct()).isEqualTo(3);
        assertThat(m.total()).isEqualTo(7);
        assertThat(m.totalFailed()).isEqualTo(1);
        assertThat(m.rowShare(0, 0)).isCloseTo(2.0 / 3, within(EPS));
        assertThat(m.failedShare(2)).isCloseTo(0.5, within(EPS));
        assertThat(m.rowShare(3, 3)).as("an empty row has no share").isZero();
    }

    @Test
    void perLabelMetricsFollowTheStatedConventions() {
        List<LabelMetrics> metrics = LabelMetrics.of(handExample());
        assertThat(metrics).extracting(LabelMetrics::label).containsExactly("A", "B", "C", "D");

        LabelMetrics a = metrics.get(0);
        assertThat(a.precision()).isCloseTo(0.5, within(EPS));
        assertThat(a.recall()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(a.f1()).isCloseTo(4.0 / 7, within(EPS));
        assertThat(a.support()).isEqualTo(3);
        assertThat(a.predicted()).isEqualTo(4);

        LabelMetrics b = metrics.get(1);
        assertThat(b.precision()).isCloseTo(0.5, within(EPS));
        assertThat(b.recall()).isCloseTo(0.5, within(EPS));
        assertThat(b.f1()).isCloseTo(0.5, within(EPS));

        LabelMetrics c = metrics.get(2);
        assertThat(c.predicted()).isZero();
        assertThat(c.precision()).as("never predicted: precision 0 by convention").isZero();
        assertThat(c.recall()).isZero();
        assertThat(c.f1()).isZero();
        assertThat(c.support()).as("the failure counts in the support").isEqualTo(2);

        LabelMetrics d = metrics.get(3);
        assertThat(d.occurs()).isFalse();
        assertThat(d.precision()).isZero();
        assertThat(d.recall()).isZero();

        assertThat(LabelMetrics.macroF1(metrics)).as("D is left out of the mean").isCloseTo(5.0 / 14, within(EPS));
    }

    /*
     * gold A, A, B predicted A, C, B over labels A, B, C:
     * A: P 1/1, R 1/2, F1 2/3;  B: 1, 1, 1;  C: support 0 but predicted once -> P 0/1, R 0 by convention, F1 0
     * C occurs (it was predicted), so it counts: macro-F1 = (2/3 + 1 + 0) / 3 = 5/9
     */
    @Test
    void aPredictedLabelWithoutSupportHasRecallZeroAndCountsInMacroF1() {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("A", "B", "C"), List.of("A", "A", "B"),
                List.of(Optional.of("A"), Optional.of("C"), Optional.of("B")));
        List<LabelMetrics> metrics = LabelMetrics.of(m);
        LabelMetrics c = metrics.get(2);
        assertThat(c.support()).isZero();
        assertThat(c.predicted()).isEqualTo(1);
        assertThat(c.precision()).isZero();
        assertThat(c.recall()).isZero();
        assertThat(c.occurs()).isTrue();
        assertThat(metrics.get(0).f1()).isCloseTo(2.0 / 3, within(EPS));
        assertThat(LabelMetrics.macroF1(metrics)).isCloseTo(5.0 / 9, within(EPS));
    }

    @Test
    void goldLabelsOutsideTheTaxonomyComeAfterItsLabelsInOrderSeen() {
        ConfusionMatrix m = ConfusionMatrix.of(List.of("体育", "科技"), List.of("娱乐", "体育", "Other", "娱乐"),
                List.of(Optional.of("体育"), Optional.of("体育"), Optional.of("科技"), Optional.empty()));
        assertThat(m.labels()).containsExactly("体育", "科技", "娱乐", "Other");
        assertThat(m.count("娱乐", "体育")).isEqualTo(1);
        assertThat(m.failed(m.indexOf("娱乐"))).isEqualTo(1);
        assertThat(m.columnTotal(m.indexOf("娱乐"))).as("never predicted").isZero();
    }

    @Test
    void mismatchedListsAreRefused() {
        assertThatThrownBy(() -> ConfusionMatrix.of(List.of("A"), List.of("A", "A"), List.of(Optional.of("A"))))
                .hasMessageContaining("2 gold labels but 1 predictions");
        assertThatThrownBy(() -> handExample().indexOf("Z")).hasMessageContaining("'Z'");
    }

    @Test
    void equalMatricesAreEqual() {
        assertThat(handExample()).isEqualTo(handExample()).hasSameHashCodeAs(handExample());
        assertThat(handExample()).isNotEqualTo(ConfusionMatrix.of(List.of("A"), List.of("A"), List.of(Optional.of("A"))));
    }
}
