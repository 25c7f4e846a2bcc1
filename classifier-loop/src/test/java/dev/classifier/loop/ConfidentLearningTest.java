package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.classifier.loop.SyntheticNews.BEFORE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ConfidentLearningTest {

    private static final Taxonomy TWO = Taxonomy.of("体育", "财经");

    /**
     * 33 rows given label 0: 20 clear, 10 unsure (confident of no label), and three that look like label 1 (rows
     * 30, 31, 32: probability of label 1 0.99, 0.95, 0.70); 20 clear rows of label 1 (its threshold: 0.9). Pruning
     * by noise rate alone takes three rows of label 0 (2 of the 22 confident ones are off the diagonal, scaled to
     * 33); row 32 does not clear label 1's threshold, so it is not off the confident joint's diagonal.
     */
    private static final double[][] P = new double[53][];
    private static final int[] GIVEN = new int[53];

    static {
        for (int r = 0; r < 20; r++) {
            P[r] = new double[] {0.95, 0.05};
        }
        for (int r = 20; r < 30; r++) {
            P[r] = new double[] {0.55, 0.45};
        }
        P[30] = new double[] {0.01, 0.99};
        P[31] = new double[] {0.05, 0.95};
        P[32] = new double[] {0.30, 0.70};
        for (int r = 33; r < 53; r++) {
            P[r] = new double[] {0.10, 0.90};
            GIVEN[r] = 1;
        }
    }

    @Test
    void flagsOnlyCandidatesOffTheConfidentJointsDiagonalLowestGivenProbabilityFirst() {
        List<ConfidentLearning.Issue> issues = ConfidentLearning.find(P, GIVEN);

        assertThat(issues).extracting(ConfidentLearning.Issue::row).containsExactly(30, 31);
        assertThat(issues).allSatisfy(i -> assertThat(i.likely()).isEqualTo(1));
        assertThat(issues.get(0).labelProbability()).isEqualTo(0.01);
        assertThat(issues.get(0).margin()).isCloseTo(0.98, within(1e-12));
        assertThat(issues.get(1).labelProbability()).isEqualTo(0.05);
    }

    @Test
    void aRowThePredictionAgreesWithIsNeverFlagged() {
        double[][] p = P.clone();
        p[31] = new double[] {0.96, 0.04}; // now the model agrees with the given label
        assertThat(ConfidentLearning.find(p, GIVEN)).extracting(ConfidentLearning.Issue::row).containsExactly(30);
    }

    @Test
    void theAuditScoresAFindingByHowLikelyItsLabelIsWrong() {
        List<Feedback> feedback = new ArrayList<>();
        for (int r = 0; r < P.length; r++) {
            String label = TWO.labels().get(GIVEN[r]);
            feedback.add(SyntheticNews.given("zh-" + r, (GIVEN[r] == 0 ? "球队赢得比赛 " : "股市上涨 ") + r, label,
                    BEFORE));
        }
        AuditReport report = FeedbackAudit.builder(TWO).outOfFold((rows, taxonomy) -> P).build().run(feedback);

        List<AuditFinding> wrong = report.of(AuditFinding.Kind.LIKELY_WRONG);
        assertThat(wrong).extracting(f -> f.feedback().article().id()).containsExactly("zh-30", "zh-31");
        assertThat(wrong.get(0).score()).isCloseTo(0.99, within(1e-12));
        assertThat(wrong.get(1).score()).isCloseTo(0.95, within(1e-12));
        assertThat(wrong).allSatisfy(f -> assertThat(f.likelyLabel()).contains("财经"));
        assertThat(wrong.get(0).reason()).isEqualTo("labelled 体育, but the rest of the data says 财经 (0.99 against 0.01)");
    }
}
