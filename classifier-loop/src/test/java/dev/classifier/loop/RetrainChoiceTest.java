package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.api.Usage;
import dev.classifier.local.LocalTrainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.classifier.loop.SyntheticNews.BEFORE;
import static dev.classifier.loop.SyntheticNews.NEWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetrainChoiceTest {

    @Test
    void leavesOutTheClearestFindingsWhereHeldOutFoldsMeasureBest() {
        Map<String, String> flips = Map.of("en-Sports-3", "Business", "en-World-7", "Sci/Tech",
                "en-Business-11", "World", "en-Sci_Tech-20", "Sports", "en-World-21", "Sports");
        List<Feedback> feedback = SyntheticNews.english(30, 1, BEFORE).stream()
                .map(f -> flips.containsKey(f.article().id()) ? f.withLabel(flips.get(f.article().id())) : f).toList();
        AuditReport report = FeedbackAudit.builder(NEWS).build().run(feedback);
        List<AuditFinding> wrong = report.of(AuditFinding.Kind.LIKELY_WRONG);
        assertThat(wrong).isNotEmpty();

        RetrainChoice choice = RetrainChoice.of(report, LocalTrainer.builder().calibrationFolds(0).build(), NEWS);

        assertThat(choice.measured().get(0).leftOut()).isZero();
        assertThat(choice.measured().get(choice.measured().size() - 1).leftOut()).isEqualTo(wrong.size());
        assertThat(choice.measured()).isSortedAccordingTo(Comparator.comparingInt(RetrainChoice.Measured::leftOut));
        double best = choice.measured().stream().mapToDouble(RetrainChoice.Measured::heldOutAccuracy).max()
                .orElseThrow();
        RetrainChoice.Measured firstBest = choice.measured().stream().filter(m -> m.heldOutAccuracy() == best)
                .findFirst().orElseThrow();
        assertThat(choice.leftOut()).hasSize(firstBest.leftOut());
        Set<String> clearest = wrong.subList(0, firstBest.leftOut()).stream().map(AuditFinding::feedbackId)
                .collect(Collectors.toSet());
        assertThat(choice.leftOut()).isEqualTo(clearest);
        assertThat(choice.rows()).hasSize(120 - choice.leftOut().size())
                .noneMatch(r -> choice.leftOut().contains("fb-" + r.article().id()));
        assertThat(choice.describe()).contains(String.valueOf(wrong.size()));
    }

    /** A trainer whose model gives every article the most common label of its training rows. */
    private static final Trainer MAJORITY = (rows, taxonomy) -> {
        String label = rows.stream().collect(Collectors.groupingBy(LabeledArticle::label, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        return new TrainedClassifier() {
            @Override
            public String modelVersion() {
                return "majority-" + label;
            }

            @Override
            public Prediction classify(Article article) {
                return new Prediction(label, 1.0, Map.of(label, 1.0), Set.of(), "", modelVersion(), Usage.NONE);
            }

            @Override
            public Taxonomy taxonomy() {
                return taxonomy;
            }

            @Override
            public void close() {
            }
        };
    };

    @Test
    void keepsEveryFindingWhenLeavingThemOutMeasuresWorseOnHeldOutFolds() {
        // 10 Sports and 12 World; the audit said 4 of the World ones were likely Sports. Without them, the folds'
        // majority turns to Sports and fewer held-out labels are met: the choice keeps them.
        List<Feedback> live = new ArrayList<>();
        List<AuditFinding> findings = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            String label = i < 10 ? "Sports" : "World";
            Feedback f = SyntheticNews.given("a-" + i, "比赛 " + i, label, BEFORE);
            live.add(f);
            if (i >= 18) {
                findings.add(new AuditFinding(AuditFinding.Kind.LIKELY_WRONG, f, Optional.of("Sports"), 0.9 - i / 100.0,
                        Optional.empty(), "labelled World, but the rest of the data says Sports"));
            }
        }
        AuditReport report = new AuditReport(22, live, findings, List.of());

        RetrainChoice choice = RetrainChoice.of(report, MAJORITY, NEWS, 2, 3L);

        assertThat(choice.leftOut()).isEmpty();
        assertThat(choice.rows()).hasSize(22);
        assertThat(choice.measured()).extracting(RetrainChoice.Measured::leftOut).containsExactly(0, 1, 2, 4);
        assertThat(choice.measured().get(0).heldOutAccuracy()).isEqualTo(12.0 / 22);
        assertThat(choice.measured().get(3).heldOutAccuracy()).isLessThan(12.0 / 22);
        assertThat(choice.describe()).startsWith("keep all 4 likely-wrong findings");
    }

    @Test
    void tooFewRowsForTheFoldsAreRefusedClearly() {
        List<Feedback> live = List.of(SyntheticNews.given("a", "x", "World", BEFORE),
                SyntheticNews.given("b", "y", "Sports", BEFORE));
        AuditReport report = new AuditReport(2, live, List.of(), List.of());
        assertThatThrownBy(() -> RetrainChoice.of(report, MAJORITY, NEWS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 folds need at least 6 live feedback, had 2");
        assertThatThrownBy(() -> RetrainChoice.of(report, MAJORITY, NEWS, 1, 0L))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("folds must be 2..20, was 1");
    }
}
