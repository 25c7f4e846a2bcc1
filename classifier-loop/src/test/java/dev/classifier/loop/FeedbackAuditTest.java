package dev.classifier.loop;

import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.local.LocalTrainer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.classifier.loop.SyntheticNews.AFTER;
import static dev.classifier.loop.SyntheticNews.BEFORE;
import static dev.classifier.loop.SyntheticNews.NEWS;
import static dev.classifier.loop.SyntheticNews.ZH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackAuditTest {

    /** Relabels the items with these ids; returns the changed list. */
    private static List<Feedback> flip(List<Feedback> feedback, Map<String, String> newLabels) {
        List<Feedback> out = new ArrayList<>();
        for (Feedback f : feedback) {
            out.add(newLabels.containsKey(f.article().id()) ? f.withLabel(newLabels.get(f.article().id())) : f);
        }
        return out;
    }

    private static Map<String, String> likely(AuditReport report) {
        return report.of(AuditFinding.Kind.LIKELY_WRONG).stream()
                .collect(Collectors.toMap(f -> f.feedback().article().id(), f -> f.likelyLabel().orElseThrow()));
    }

    @Test
    void plantedWrongLabelsAreFlaggedWithTheRightLikelyLabel() {
        List<Feedback> feedback = flip(SyntheticNews.english(30, 1, BEFORE), Map.of(
                "en-Sports-3", "Business", "en-World-7", "Sci/Tech", "en-Business-11", "World",
                "en-Sci_Tech-20", "Sports"));
        AuditReport report = FeedbackAudit.builder(NEWS).build().run(feedback);

        Map<String, String> flagged = likely(report);
        assertThat(flagged).containsEntry("en-Sports-3", "Sports").containsEntry("en-World-7", "World")
                .containsEntry("en-Business-11", "Business").containsEntry("en-Sci_Tech-20", "Sci/Tech");
        assertThat(flagged).hasSizeLessThanOrEqualTo(6); // at most two clean items among them
        AuditFinding top = report.of(AuditFinding.Kind.LIKELY_WRONG).get(0);
        assertThat(top.score()).isBetween(0.0, 1.0);
        assertThat(top.reason()).matches("labelled \\S+, but the rest of the data says \\S+ \\(0\\.\\d\\d against"
                + " 0\\.\\d\\d\\)");
        assertThat(report.of(AuditFinding.Kind.SUPERSEDED)).isEmpty();
        assertThat(report.newerRules()).isEmpty();

        List<LabeledArticle> cleaner = report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG));
        assertThat(cleaner).hasSize(120 - flagged.size())
                .noneMatch(r -> flagged.containsKey(r.article().id()));
        assertThat(report.rowsWithout(Set.of())).hasSize(120);
        double topScore = report.of(AuditFinding.Kind.LIKELY_WRONG).get(0).score();
        long clearest = report.of(AuditFinding.Kind.LIKELY_WRONG).stream().filter(f -> f.score() >= topScore).count();
        assertThat(report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG), topScore)).hasSize(120 - (int) clearest)
                .noneMatch(r -> r.article().id().equals(top.feedback().article().id()));
        assertThat(report.rowsWithout(Set.of(AuditFinding.Kind.LIKELY_WRONG), 1.01)).hasSize(120);
    }

    @Test
    void plantedWrongLabelsInChineseAreFlagged() {
        List<Feedback> feedback = flip(SyntheticNews.chinese(25, 2, BEFORE), Map.of(
                "zh-sports-4", "finance", "zh-game-9", "politics"));
        Map<String, String> flagged = likely(FeedbackAudit.builder(ZH).build().run(feedback));
        assertThat(flagged).containsEntry("zh-sports-4", "sports").containsEntry("zh-game-9", "game")
                .hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void anyTrainerCanGiveTheOutOfFoldProbabilities() {
        List<Feedback> feedback = flip(SyntheticNews.english(20, 3, BEFORE), Map.of("en-Sports-5", "World"));
        LocalTrainer trainer = LocalTrainer.builder().calibrationFolds(0).build();
        AuditReport report = FeedbackAudit.builder(NEWS).outOfFold(OutOfFold.kFold(trainer, 4, 7)).build()
                .run(feedback);
        assertThat(likely(report)).containsEntry("en-Sports-5", "Sports");
    }

    @Test
    void aRuleChangeSupersedesTheOlderItemsAndIsNeverAnError() {
        Random random = new Random(5);
        List<Feedback> feedback = new ArrayList<>(SyntheticNews.english(30, 4, BEFORE));
        List<String> oldMicrosoft = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // under the old rule, Microsoft stories are Sci/Tech
            String id = "ms-old-" + i;
            oldMicrosoft.add(id);
            feedback.add(SyntheticNews.given(id, "Microsoft Windows software update " + SyntheticNews.words(
                    SyntheticNews.ENGLISH.get("Sci/Tech"), 3, random, " "), "Sci/Tech", BEFORE));
        }
        List<String> corrections = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // then the user decides they are Business, and corrects four
            String id = "ms-new-" + i;
            corrections.add("fb-" + id);
            feedback.add(SyntheticNews.correction(id, "Microsoft Windows software update " + SyntheticNews.words(
                    SyntheticNews.ENGLISH.get("Sci/Tech"), 3, random, " "), "Sci/Tech", "Business", AFTER));
        }
        AuditReport report = FeedbackAudit.builder(NEWS).build().run(feedback);

        assertThat(report.ids(Set.of(AuditFinding.Kind.LIKELY_WRONG))).doesNotContainAnyElementsOf(corrections);
        List<AuditFinding> superseded = report.of(AuditFinding.Kind.SUPERSEDED);
        assertThat(superseded).extracting(f -> f.feedback().article().id())
                .containsExactlyInAnyOrderElementsOf(oldMicrosoft);
        assertThat(superseded).allSatisfy(f -> {
            assertThat(f.supersededBy()).hasValueSatisfying(id -> assertThat(corrections).contains(id));
            assertThat(f.likelyLabel()).contains("Business");
            assertThat(f.reason()).startsWith("a newer correction of a similar article says otherwise: fb-ms-new-")
                    .contains("corrected Sci/Tech to Business");
        });
    }

    @Test
    void anOlderLabelOfTheSameArticleIsSuperseded() {
        List<Feedback> feedback = new ArrayList<>(SyntheticNews.english(20, 6, BEFORE));
        Feedback old = feedback.get(0);
        Feedback relabelled = new Feedback("fb-again", old.article(), "World", java.util.Optional.of(old.label()),
                "", java.util.Optional.empty(), AFTER);
        feedback.add(relabelled);
        AuditReport report = FeedbackAudit.builder(NEWS).build().run(new InMemoryStoreOf(feedback).store);

        assertThat(report.feedbackCount()).isEqualTo(81);
        assertThat(report.live()).hasSize(80).contains(relabelled).doesNotContain(old);
        AuditFinding finding = report.findings().stream().filter(f -> f.feedback().equals(old)).findFirst()
                .orElseThrow();
        assertThat(finding.kind()).isEqualTo(AuditFinding.Kind.SUPERSEDED);
        assertThat(finding.supersededBy()).contains("fb-again");
        assertThat(finding.reason()).startsWith("the same article was labelled again later: fb-again says World");
    }

    @Test
    void feedbackOutsideTheTaxonomyIsLeftOutAndTooLittleDataFailsClearly() {
        List<Feedback> feedback = new ArrayList<>(SyntheticNews.english(20, 8, BEFORE));
        feedback.add(SyntheticNews.given("x", "anything at all", "Weather", BEFORE));
        AuditReport report = FeedbackAudit.builder(NEWS).build().run(feedback);
        assertThat(report.live()).hasSize(80);

        assertThatThrownBy(() -> FeedbackAudit.builder(NEWS).build().run(SyntheticNews.english(1, 1, BEFORE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("folds need at least 10 rows");
        assertThatThrownBy(() -> FeedbackAudit.builder(NEWS).similarity(0)).hasMessageContaining("similarity");
        assertThatThrownBy(() -> OutOfFold.kFold(LocalTrainer.builder().build(), 1, 1)).hasMessageContaining("folds");
    }

    /** An in-memory store holding the feedback. */
    private static final class InMemoryStoreOf {
        final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

        InMemoryStoreOf(List<Feedback> feedback) {
            feedback.forEach(store::add);
        }
    }
}
