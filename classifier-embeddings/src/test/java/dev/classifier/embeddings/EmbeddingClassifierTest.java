package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import dev.classifier.testkit.ContractArticles;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Training and prediction, on the real default model where meaning matters, on a hashing stand-in elsewhere. */
class EmbeddingClassifierTest {

    private static EmbeddingTrainer.Builder realTrainer() {
        return EmbeddingTrainer.builder().embedder(SharedModel.get()).taxonomy(TrainingData.TAXONOMY);
    }

    @Test
    void classifiesUnseenNewsInBothLanguages() {
        EmbeddingClassifier classifier = realTrainer().build().train(TrainingData.examples());
        assertThat(classifier.classify(Article.of("a", "美联储宣布加息", "")).label()).isEqualTo("Economy");
        assertThat(classifier.classify(Article.of("b", "Goalkeeper saves two penalties in shoot-out", "")).label())
                .isEqualTo("Sports");
        assertThat(classifier.classify(Article.of("c", "苹果推出新款平板电脑", "")).label()).isEqualTo("Technology");
        assertThat(classifier.classify(Article.of("d", "Thunderstorms expected across the region tonight", ""))
                .label()).isEqualTo("Weather");
        Prediction p = classifier.classify(Article.of("e", "国足客场战平对手", ""));
        assertThat(p.label()).isEqualTo("Sports");
        assertThat(p.scores()).containsKeys("Economy", "Sports", "Technology", "Weather", "Uncategorized");
        assertThat(p.scores().get("Uncategorized")).as("a label without examples").isZero();
        assertThat(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(p.confidence()).isEqualTo(p.scores().get("Sports"));
        assertThat(p.model()).as("the model version: strategy, hash of the trained model, embedding model")
                .isEqualTo(classifier.modelVersion()).startsWith("embeddings-v1@").contains("/bge-small-zh-v1.5-q@");
    }

    @Test
    void chineseFeedbackTeachesEnglishArticles() {
        List<LabeledArticle> chineseOnly = TrainingData.examples().stream()
                .filter(e -> e.article().title().codePoints().anyMatch(c -> c >= 0x4E00 && c <= 0x9FFF)).toList();
        EmbeddingClassifier classifier = realTrainer().method(Method.CENTROID).build().train(chineseOnly);
        assertThat(classifier.classify(Article.of("en1", "Shares fall as the central bank raises interest rates", ""))
                .label()).isEqualTo("Economy");
        assertThat(classifier.classify(Article.of("en2", "The home team won the football league match 3-1", ""))
                .label()).isEqualTo("Sports");
        assertThat(classifier.classify(Article.of("en3", "Typhoon warning: heavy rain and strong winds tomorrow", ""))
                .label()).isEqualTo("Weather");
    }

    @Test
    void aLongArticleIsFlaggedTruncated() {
        EmbeddingClassifier classifier = realTrainer().build().train(TrainingData.examples());
        Article longOne = ContractArticles.mixed().stream().filter(a -> a.id().equals("c-long")).findFirst().orElseThrow();
        assertThat(classifier.classify(longOne).has(Prediction.Flag.TRUNCATED)).isTrue();
        assertThat(classifier.classify(Article.of("s", "短新闻", "")).has(Prediction.Flag.TRUNCATED)).isFalse();
        List<Outcome> outcomes = classifier.classifyAll(List.of(longOne));
        assertThat(outcomes.get(0).predictionIfAny().orElseThrow().has(Prediction.Flag.TRUNCATED)).isTrue();
    }

    @Test
    void unknownLabelsAreDroppedAndCountedAndMappingsApply() {
        LabelMapping mapping = LabelMapping.builder().rename("Finance", "Economy").drop("Gossip").build();
        EmbeddingClassifier classifier = hashingTrainer().labelMapping(mapping).build().train(List.of(
                labeled("1", "Stocks rally", "Finance"),
                labeled("2", "Cup final", "Sports"),
                labeled("3", "Celebrity wedding", "Gossip"),
                labeled("4", "New galaxy found", "Astronomy")));
        TrainingSummary summary = classifier.summary();
        assertThat(summary.examples()).isEqualTo(2);
        assertThat(summary.examplesPerLabel()).containsEntry("Economy", 1).containsEntry("Sports", 1);
        assertThat(summary.dropped()).containsEntry("Gossip", 1).containsEntry("Astronomy", 1);
    }

    @Test
    void trainsOnAFeedbackStoresLiveFeedback() {
        HashingEmbedder embedder = new HashingEmbedder();
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(TrainingData.TAXONOMY).build();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            for (LabeledArticle e : TrainingData.examples()) {
                store.add(Feedback.of(e.article(), e.label(), ""));
            }
            Feedback wrong = store.add(Feedback.of(Article.of("w", "Stocks rally again", ""), "Weather", "mistake"));
            store.retract(wrong.id());
            EmbeddingClassifier classifier = trainer.train(store);
            assertThat(classifier.summary().examples()).isEqualTo(TrainingData.examples().size());
            assertThat(classifier.summary().examplesPerLabel()).containsEntry("Weather", 8);
        }
    }

    @Test
    void aCachedEmbedderEmbedsAFeedbackStoreOnceAcrossRetrainings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        HashingEmbedder model = new HashingEmbedder();
        try (EmbeddingCache cache = EmbeddingCache.open(dir.resolve("vectors.cache"));
             InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(cache.wrap(model))
                    .taxonomy(TrainingData.TAXONOMY).build();
            TrainingData.examples().forEach(e -> store.add(Feedback.of(e.article(), e.label(), "")));
            trainer.train(store);
            int first = model.embedded.get();
            assertThat(first).as("the examples, and each description and its parts per category but the fallback")
                    .isEqualTo(TrainingData.examples().size() + 5 + 4 + 4 + 4);
            store.add(Feedback.of(Article.of("n", "Bond yields rise", ""), "Economy", ""));
            EmbeddingClassifier again = trainer.train(store);
            assertThat(model.embedded.get()).as("only the new feedback is embedded").isEqualTo(first + 1);
            assertThat(again.summary().examples()).isEqualTo(TrainingData.examples().size() + 1);
        }
    }

    @Test
    void autoPicksTheCentroidOnFewExamplesAndLogisticRegressionWhereItWinsOnHeldOutData() {
        // The classes differ by 0.2 in x1, but x1 carries noise that x2 repeats: x1 - x2 separates them, which
        // logistic regression learns; the centroids differ only in x1 and drown in its noise.
        FixedEmbedder embedder = new FixedEmbedder();
        Random random = new Random(3);
        List<LabeledArticle> examples = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String label = i % 2 == 0 ? "Economy" : "Sports";
            float signal = label.equals("Economy") ? 0.1f : -0.1f;
            float noise = (float) random.nextGaussian() * 0.5f;
            float[] v = {1f, signal + noise + (float) random.nextGaussian() * 0.01f,
                    noise + (float) random.nextGaussian() * 0.01f};
            embedder.put("text " + i, v);
            examples.add(labeled("id" + i, "text " + i, label));
        }
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(TrainingData.TAXONOMY)
                .descriptionPrior(false).noCompanion().build();
        EmbeddingClassifier many = trainer.train(examples);
        assertThat(many.summary().heldOutAccuracy()).containsKeys(Method.CENTROID, Method.LOGISTIC);
        assertThat(many.summary().heldOutAccuracy().get(Method.LOGISTIC))
                .isGreaterThan(many.summary().heldOutAccuracy().get(Method.CENTROID));
        assertThat(many.summary().method()).isEqualTo(Method.LOGISTIC);

        EmbeddingClassifier few = hashingTrainer().build().train(TrainingData.examples());
        assertThat(few.summary().heldOutAccuracy()).containsKeys(Method.CENTROID, Method.LOGISTIC);
        assertThat(few.summary().method()).isIn(Method.CENTROID, Method.LOGISTIC);
        assertThat(few.summary().temperature()).isBetween(Calibration.MIN_TEMPERATURE, Calibration.MAX_TEMPERATURE);
    }

    @Test
    void aCompanionThatKnowsBetterGetsAWeightAndOneThatMisleadsGetsNone() {
        // An oracle companion: it knows every example's label (as a lexical model would know its own data).
        java.util.Map<String, String> truth = new java.util.HashMap<>();
        TrainingData.examples().forEach(e -> truth.put(e.article().id(), e.label()));
        java.util.concurrent.atomic.AtomicInteger closed = new java.util.concurrent.atomic.AtomicInteger();
        Trainer oracle = (examples, taxonomy) -> new FixedClassifier(a -> truth.getOrDefault(a.id(), "Economy"), closed);
        EmbeddingClassifier helped = hashingTrainer().companion(oracle).build().train(TrainingData.examples());
        assertThat(helped.summary().companionWeight()).isPositive();
        assertThat(helped.classify(Article.of("s", "Stocks rally as inflation cools", "")).model()).contains("+fixed");
        assertThat(helped.summary().heldOutAccuracy().get(Method.AUTO))
                .isGreaterThan(helped.summary().heldOutAccuracy().get(helped.summary().method()));
        for (LabeledArticle e : TrainingData.examples()) {
            assertThat(helped.classify(e.article()).label()).isEqualTo(e.label());
        }
        assertThat(helped.classifyAll(TrainingData.examples().stream().map(LabeledArticle::article).toList()))
                .allMatch(Outcome::isSuccess);
        int closedWhileTraining = closed.get();
        assertThat(closedWhileTraining).as("each fold's companion is closed after use").isEqualTo(5);
        helped.close();
        assertThat(closed.get()).as("the classifier closes the companion it trained").isEqualTo(6);

        Trainer misleading = (examples, taxonomy) -> new FixedClassifier(a -> "Weather", closed);
        EmbeddingClassifier alone = realTrainer().companion(misleading).build().train(TrainingData.examples());
        assertThat(alone.summary().companionWeight()).isZero();
        assertThat(alone.classify(Article.of("s", "Stocks rally as inflation cools", "")).model())
                .doesNotContain("+fixed");
    }

    @Test
    void foldsFollowTheArticleIdsSoOneMoreExampleMovesNoOtherAndLargeDataGetsOneHoldOut() {
        int[] y = new int[40];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < y.length; i++) {
            y[i] = i < 30 ? 0 : 1;
            ids.add("a" + i);
        }
        int[] folds = Folds.assign(ids, y, 2, 5, 42);
        for (int fold = 0; fold < 5; fold++) {
            int f = fold;
            assertThat(java.util.Arrays.stream(folds).filter(x -> x == f).count()).isBetween(3L, 14L);
        }
        List<String> more = new ArrayList<>(ids);
        more.add("a-new");
        int[] oneMore = Folds.assign(more, java.util.Arrays.copyOf(y, 41), 2, 5, 42);
        assertThat(java.util.Arrays.copyOf(oneMore, 40)).as("no example changes fold").containsExactly(folds);

        int[] big = new int[Folds.HOLD_OUT_ABOVE + 500];
        List<String> bigIds = new ArrayList<>();
        for (int i = 0; i < big.length; i++) {
            big[i] = i % 4;
            bigIds.add("b" + i);
        }
        int[] holdOut = Folds.assign(bigIds, big, 4, 5, 42);
        long tested = java.util.Arrays.stream(holdOut).filter(f -> f == 0).count();
        assertThat((double) tested / big.length).isBetween(0.17, 0.23);
        assertThat(java.util.Arrays.stream(holdOut).filter(f -> f != 0)).allMatch(f -> f == -1);
        int[] every = Folds.assignEvery(bigIds, big, 4, 5, 42);
        for (int i = 0; i < big.length; i++) {
            assertThat(every[i] == 0).as("the blend's first fold is the hold-out").isEqualTo(holdOut[i] == 0);
        }
        for (int fold = 1; fold < 5; fold++) {
            int f = fold;
            assertThat((double) java.util.Arrays.stream(every).filter(x -> x == f).count() / big.length)
                    .as("the blend gets five folds above the hold-out size").isBetween(0.17, 0.23);
        }
        assertThat(Folds.assignEvery(ids, y, 2, 5, 42)).as("below it, the same folds").containsExactly(folds);
        assertThat(Folds.assign(List.of("x", "y"), new int[] {0, 1}, 2, 5, 42)).as("too little data to hold any out")
                .isEmpty();
    }

    @Test
    void builderFailsFast() {
        assertThatThrownBy(() -> EmbeddingTrainer.builder().taxonomy(TrainingData.TAXONOMY).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("embedder");
        assertThatThrownBy(() -> EmbeddingTrainer.builder().folds(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddingTrainer.builder().maxIterations(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static EmbeddingTrainer.Builder hashingTrainer() {
        return EmbeddingTrainer.builder().embedder(new HashingEmbedder()).taxonomy(TrainingData.TAXONOMY);
    }

    private static LabeledArticle labeled(String id, String title, String label) {
        return new LabeledArticle(Article.of(id, title, ""), label);
    }

    /** Answers what a function says, with certainty; counts closes. */
    private record FixedClassifier(java.util.function.Function<Article, String> answer,
                                   java.util.concurrent.atomic.AtomicInteger closed)
            implements TrainedClassifier {
        @Override
        public String modelVersion() {
            return "fixed";
        }

        @Override
        public Prediction classify(Article article) {
            String label = answer.apply(article);
            return new Prediction(label, 1.0, java.util.Map.of(label, 1.0), java.util.Set.of(), "", "fixed",
                    dev.classifier.api.Usage.NONE);
        }

        @Override
        public dev.classifier.api.Taxonomy taxonomy() {
            return TrainingData.TAXONOMY;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** Vectors given per text. */
    private static final class FixedEmbedder implements dev.classifier.api.TextEmbedder {
        private final java.util.Map<String, float[]> vectors = new java.util.HashMap<>();

        void put(String text, float[] vector) {
            vectors.put(text, vector);
        }

        @Override
        public float[] embed(String text) {
            float[] v = vectors.get(text);
            if (v == null) {
                throw new IllegalArgumentException("no vector for " + text);
            }
            return v;
        }

        @Override
        public String modelId() {
            return "fixed";
        }
    }
}
