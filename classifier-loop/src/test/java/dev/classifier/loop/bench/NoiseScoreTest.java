package dev.classifier.loop.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.loop.AuditFinding;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NoiseScoreTest {

    /** Findings in this order, clearest first, for rows named by these ids. */
    private static List<AuditFinding> ranked(String... ids) {
        List<AuditFinding> out = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            LabeledArticle row = new LabeledArticle(Article.of(ids[i], "股市上涨 " + ids[i], ""), "finance");
            out.add(new AuditFinding(AuditFinding.Kind.LIKELY_WRONG, NoiseBench.asFeedback(List.of(row)).get(0),
                    Optional.of("stocks"), 1.0 - i / 100.0, Optional.empty(), "labelled finance"));
        }
        return out;
    }

    @Test
    void theRankingIsReadWhereItReachesTheTargetRecallAndTheOwnFlagsAreCountedApart() {
        // 5 flips; recall 0.6 needs 3 of them: reached at the 6th finding, with 2 own flags and 1 other above it.
        Set<String> flipped = Set.of("f1", "f2", "f3", "f4", "f5");
        Set<String> own = Set.of("o1", "o2", "o3");
        OwnIssueJudgements judged = new OwnIssueJudgements(1, 2, 1); // a quarter wrong, three quarters counting ambiguous

        NoiseScore score = NoiseScore.of(ranked("f1", "o1", "f2", "x1", "o2", "f3", "o3", "f4"), flipped, own, judged);

        assertThat(score.flagged()).isEqualTo(8);
        assertThat(score.precision()).isEqualTo(4 / 8.0);
        assertThat(score.recall()).isEqualTo(4 / 5.0);
        assertThat(score.precisionAtTarget()).isEqualTo(3 / 6.0);
        assertThat(score.ownAbove()).isEqualTo(2);
        assertThat(score.otherAbove()).isEqualTo(1);
        assertThat(score.estimatedAtTarget()).isCloseTo((3 + 2 * 0.25) / 6, within(1e-12));
        assertThat(score.estimatedAtTargetHigh()).isCloseTo((3 + 2 * 0.75) / 6, within(1e-12));
        assertThat(score.estimated()).isCloseTo((4 + 3 * 0.25) / 8, within(1e-12));
    }

    @Test
    void aRankingThatNeverReachesTheTargetRecallHasNoPrecisionThereAndNoCounts() {
        NoiseScore score = NoiseScore.of(ranked("f1", "x1"), Set.of("f1", "f2", "f3"), Set.of(),
                new OwnIssueJudgements(1, 0, 0));
        assertThat(score.precisionAtTarget()).isZero();
        assertThat(score.ownAbove()).isNaN();
        assertThat(score.otherAbove()).isNaN();
    }

    @Test
    void theCeilingSetsTheFlipsAgainstTheOwnErrorsThatWereNotFlipped() {
        // 4 flips; 6 own flags, 2 of them flipped: 4 left, half of them errors -> 4 / (4 + 2).
        assertThat(NoiseScore.ceiling(Set.of("a", "b", "c", "d"), Set.of("a", "b", "o1", "o2", "o3", "o4"), 0.5))
                .isCloseTo(4 / 6.0, within(1e-12));
    }
}
