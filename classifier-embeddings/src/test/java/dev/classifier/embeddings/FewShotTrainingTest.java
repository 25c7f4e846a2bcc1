package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Trainer;
import dev.classifier.local.LocalClassifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The few-shot side of training (#15): description prototypes with no feedback, the unlabelled pool's guard,
 * settings that do not move on one more item, and the local model blended in by default.
 */
class FewShotTrainingTest {

    private static EmbeddingTrainer.Builder realTrainer() {
        return EmbeddingTrainer.builder().embedder(SharedModel.get()).taxonomy(TrainingData.TAXONOMY);
    }

    @Test
    void withNoFeedbackTheDescriptionsClassifyInBothLanguages() {
        try (EmbeddingClassifier classifier = realTrainer().build().train(List.of())) {
            assertThat(classifier.classify(Article.of("a", "央行宣布下调存款准备金率", "")).label()).isEqualTo("Economy");
            assertThat(classifier.classify(Article.of("b", "Striker scores twice as the team wins the cup", "")).label())
                    .isEqualTo("Sports");
            assertThat(classifier.classify(Article.of("c", "暴雨橙色预警：明天有大暴雨", "")).label()).isEqualTo("Weather");
            Prediction p = classifier.classify(Article.of("d", "New laptop runs on a faster chip and new software", ""));
            assertThat(p.label()).isEqualTo("Technology");
            assertThat(p.has(Prediction.Flag.FALLBACK)).isFalse();
            assertThat(p.scores().get("Uncategorized")).as("the fallback has no prototype").isZero();
            assertThat(classifier.summary().examples()).isZero();
            assertThat(classifier.settings()).hasValueSatisfying(s -> {
                assertThat(s.searchedAt()).as("fixed defaults: nothing to hold out").isZero();
                assertThat(s.companionWeight()).isZero();
            });
        }
    }

    @Test
    void examplePhrasesJoinTheirCategorysPrototype() {
        // A label the model cannot read from its name; phrases say what it means.
        dev.classifier.api.Taxonomy taxonomy = dev.classifier.api.Taxonomy.builder()
                .category("K1", "").category("K2", "").build();
        EmbeddingTrainer bare = EmbeddingTrainer.builder().embedder(SharedModel.get()).taxonomy(taxonomy).build();
        EmbeddingTrainer taught = bare.toBuilder()
                .examplePhrases("K1", List.of("football match", "足球比赛", "the team won the final"))
                .examplePhrases("K2", List.of("heavy rain and storms", "暴雨预警", "snow forecast")).build();
        try (EmbeddingClassifier classifier = taught.train(List.of())) {
            assertThat(classifier.classify(Article.of("q1", "国足客场战平对手", "")).label()).isEqualTo("K1");
            assertThat(classifier.classify(Article.of("q2", "Typhoon brings floods to the coast", "")).label())
                    .isEqualTo("K2");
        }
        assertThatThrownBy(() -> bare.toBuilder().examplePhrases("Nope", List.of("x")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Nope");
        assertThatThrownBy(() -> bare.toBuilder().examplePhrases("K1", List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("K1");
    }

    @Test
    void aPoolThatShowsNoGainOnHeldOutExamplesIsNotUsedAndItsLabelsGoNowhere() {
        // The labelled examples are classified perfectly on held-out folds already: the pool cannot show a gain.
        List<Article> pool = List.of(Article.of("p1", "Bank raises fees", ""), Article.of("p2", "足球联赛开幕", ""),
                Article.of("p3", "New phone released", ""), Article.of("p4", "Snowstorm hits the north", ""),
                Article.of("p5", "股市大涨", ""), Article.of("p6", "Tennis final tonight", ""));
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            TrainingData.examples().forEach(e -> store.add(Feedback.of(e.article(), e.label(), "")));
            long sizeBefore = store.size();
            EmbeddingClassifier classifier = realTrainer().noCompanion().build().train(store, pool);
            assertThat(classifier.settings()).hasValueSatisfying(s -> {
                assertThat(s.pool()).isEqualTo(TrainingSettings.PoolUse.NONE);
                assertThat(s.pseudoLabelled()).isZero();
            });
            assertThat(store.size()).as("nothing inferred from the pool is stored").isEqualTo(sizeBefore);
            assertThat(classifier.summary().examples()).isEqualTo(TrainingData.examples().size());
            assertThat(classifier.summary().examplesPerLabel().values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(TrainingData.examples().size());
        }
    }

    @Test
    void theGuardKeepsTheBaselineUnlessHeldOutAccuracyRisesAndAnEarlierChoiceUnlessBeatenByTheMargin() {
        int[] truth = {0, 1, 0, 1};
        List<double[]> right = List.of(new double[]{1, 0}, new double[]{0, 1}, new double[]{1, 0}, new double[]{0, 1});
        List<double[]> threeRight = List.of(new double[]{1, 0}, new double[]{0, 1}, new double[]{1, 0},
                new double[]{1, 0});
        List<double[]> sureAndRight = List.of(new double[]{5, 0}, new double[]{0, 5}, new double[]{5, 0},
                new double[]{0, 5});
        assertThat(Scores.pick(List.of(right, sureAndRight), truth, -1, 0.01, true))
                .as("a pool that only sharpens the scores shows no gain").isZero();
        assertThat(Scores.pick(List.of(threeRight, right), truth, -1, 0.01, true)).isEqualTo(1);
        assertThat(Scores.pick(List.of(threeRight, right), truth, 0, 0.3, true))
                .as("25 points are within a 30-point margin: the earlier choice stays").isZero();
        assertThat(Scores.pick(List.of(threeRight, right), truth, 0, 0.2, true)).isEqualTo(1);
    }

    @Test
    void oneMoreCorrectionKeepsTheSettingsAndTrainsTheCompanionOnce() {
        AtomicInteger companionTrainings = new AtomicInteger();
        Trainer local = LocalClassifier.trainer();
        Trainer counting = (rows, taxonomy) -> {
            companionTrainings.incrementAndGet();
            return local.train(rows, taxonomy);
        };
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).companion(counting).build();
        List<LabeledArticle> rows = new ArrayList<>(TrainingData.examples());
        EmbeddingClassifier first = trainer.train(rows);
        TrainingSettings chosen = first.settings().orElseThrow();
        assertThat(chosen.searchedAt()).isEqualTo(rows.size());
        assertThat(chosen.reused()).isFalse();

        rows.add(new LabeledArticle(Article.of("n1", "Typhoon closes the stock exchange", ""), "Weather"));
        int before = companionTrainings.get();
        EmbeddingClassifier second = trainer.train(rows);
        TrainingSettings kept = second.settings().orElseThrow();
        assertThat(kept.reused()).isTrue();
        assertThat(kept.sameChoicesAs(chosen)).as("%s after %s", kept, chosen).isTrue();
        assertThat(companionTrainings.get() - before).as("no held-out search: the companion trains once at most")
                .isLessThanOrEqualTo(1);
        assertThat(second.classify(Article.of("n1", "Typhoon closes the stock exchange", "")).label())
                .isIn(TrainingData.TAXONOMY.labels());

        // Many more items search again; each setting still stays unless another wins by the margin.
        for (int i = 0; i < 8; i++) {
            rows.add(new LabeledArticle(Article.of("m" + i, "Central bank statement number " + i, ""), "Economy"));
        }
        TrainingSettings searched = trainer.train(rows).settings().orElseThrow();
        assertThat(searched.reused()).isFalse();
        assertThat(searched.searchedAt()).isEqualTo(rows.size());
    }

    @Test
    void theDefaultBlendsTheLocalModelAndNoCompanionLeavesItOut() {
        EmbeddingTrainer byDefault = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).build();
        try (Classifier blended = byDefault.train(TrainingData.examples());
             Classifier alone = byDefault.toBuilder().noCompanion().build().train(TrainingData.examples())) {
            EmbeddingClassifier b = (EmbeddingClassifier) blended;
            assertThat(b.summary().companionWeight()).as("held-out data gives the local model a voice over hashed"
                    + " bigrams").isPositive();
            assertThat(blended.classify(Article.of("q", "Stocks rally as inflation cools", "")).model())
                    .contains("+local-ngram");
            assertThat(alone.classify(Article.of("q", "Stocks rally as inflation cools", "")).model())
                    .doesNotContain("+");
        }
    }
}
