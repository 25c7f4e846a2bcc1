package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.local.LocalTrainer;
import dev.classifier.local.Refresh;
import dev.classifier.local.RefreshingClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedding trainer under the local module's refreshing wrapper, alone and with the n-gram model beside it. */
class RefreshingEmbeddingTest {

    @TempDir
    Path dir;

    @Test
    void retrainsAsFeedbackArrivesEmbeddingOnlyWhatIsNew() throws Exception {
        CountingEmbedder model = new CountingEmbedder(SharedModel.get());
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("vectors.cache"));
             InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(cache.wrap(model))
                    .taxonomy(TrainingData.TAXONOMY).build();
            try (RefreshingClassifier refreshing = RefreshingClassifier.builder().trainer(trainer).store(store)
                    .taxonomy(TrainingData.TAXONOMY).pollEvery(Duration.ZERO).build()) {
                Article question = Article.of("q", "美联储宣布加息", "");
                assertThat(refreshing.classify(question).has(Prediction.Flag.FALLBACK)).isTrue();

                TrainingData.examples().forEach(e -> store.add(Feedback.of(e.article(), e.label(), "")));
                Refresh first = refreshing.refresh().get(1, TimeUnit.MINUTES);
                assertThat(first.retrained()).isTrue();
                assertThat(first.modelVersion()).hasValueSatisfying(v -> assertThat(v).startsWith("embeddings-v1@"));
                Prediction answered = refreshing.classify(question);
                assertThat(answered.label()).isEqualTo("Economy");
                assertThat(answered.model()).as("the prediction names the model version that answered")
                        .isEqualTo(first.modelVersion().orElseThrow());
                int embedded = model.embedded.get();

                Feedback correction = store.add(Feedback.correction(Article.of("n", "Typhoon closes the stock exchange", ""))
                        .from("Economy").to("Weather").because("the story is about the storm"));
                Refresh second = refreshing.refresh().get(1, TimeUnit.MINUTES);
                assertThat(second.modelVersion()).isNotEqualTo(first.modelVersion());
                // The cache holds every earlier text: retraining embeds only the new feedback (and the query).
                assertThat(model.embedded.get()).isEqualTo(embedded + 1);

                store.retract(correction.id());
                Refresh third = refreshing.refresh().get(1, TimeUnit.MINUTES);
                assertThat(third.modelVersion()).as("same data, same model version").isEqualTo(first.modelVersion());
            }
        }
    }

    @Test
    void theLocalNgramModelCanJoinAsCompanionUnderTheWrapper() throws Exception {
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(SharedModel.get())
                .taxonomy(TrainingData.TAXONOMY).companion(LocalTrainer.builder().parallelism(1).build()).build();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore();
             RefreshingClassifier refreshing = RefreshingClassifier.builder().trainer(trainer).store(store)
                     .taxonomy(TrainingData.TAXONOMY).pollEvery(Duration.ZERO).build()) {
            for (LabeledArticle e : TrainingData.examples()) {
                store.add(Feedback.of(e.article(), e.label(), ""));
            }
            assertThat(refreshing.refresh().get(2, TimeUnit.MINUTES).retrained()).isTrue();
            Prediction p = refreshing.classify(Article.of("q", "国足客场战平对手", ""));
            assertThat(p.label()).isEqualTo("Sports");
            assertThat(p.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void withoutTheDescriptionPriorTheTrainerInterfaceRefusesRowsWithNoLabelOfTheTaxonomy() {
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).descriptionPrior(false).build();
        List<LabeledArticle> rows = List.of(new LabeledArticle(Article.of("a", "Celebrity wedding", ""), "Gossip"));
        assertThatThrownBy(() -> trainer.train(rows, TrainingData.TAXONOMY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gossip");
    }

    @Test
    void theTrainerInterfaceTrainsUnderTheTaxonomyItIsGiven() {
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).build();
        dev.classifier.api.Taxonomy sportsOrNot = dev.classifier.api.Taxonomy.of("Sports", "Economy");
        EmbeddingClassifier classifier = trainer.train(TrainingData.examples(), sportsOrNot);
        assertThat(classifier.taxonomy()).isEqualTo(sportsOrNot);
        assertThat(classifier.summary().examples()).isEqualTo(16);
        assertThat(classifier.summary().dropped()).containsEntry("Weather", 8).containsEntry("Technology", 8);
    }
}
