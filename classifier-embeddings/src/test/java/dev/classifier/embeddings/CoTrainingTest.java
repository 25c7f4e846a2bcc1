package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.local.LocalClassifier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Co-training the companion on the unlabelled pool (#15): the blend labels the pool, as many per class, and the
 * held-out rows of a fold never teach the companion that fold's score comes from.
 */
class CoTrainingTest {

    private static final List<String> CLASSES = List.of("Economy", "Sports", "Technology", "Weather");

    /** A pool in both languages: mostly Economy (a skewed pool), two of each other class. */
    private static final List<Article> POOL = List.of(
            Article.of("p1", "Bank raises interest rates again", ""), Article.of("p2", "股市大涨 银行股领涨", ""),
            Article.of("p3", "Oil prices fall as markets slide", ""), Article.of("p4", "央行下调存款准备金率", ""),
            Article.of("p5", "Stocks close higher on bank profits", ""), Article.of("p6", "人民币汇率小幅下跌", ""),
            Article.of("p7", "Striker scores in the cup final", ""), Article.of("p8", "中超联赛第十轮比赛结果", ""),
            Article.of("p9", "New smartphone chip unveiled", ""), Article.of("p10", "国产芯片手机发布", ""),
            Article.of("p11", "Storm warning for the coast", ""), Article.of("p12", "气象台发布暴雨预警", ""));

    /** A companion that answers from keywords, in English and Chinese, sure of each answer. */
    private static TrainedClassifier keywordCompanion() {
        Map<String, String> keywords = Map.of("bank", "Economy", "股", "Economy", "striker", "Sports", "联赛", "Sports",
                "chip", "Technology", "芯片", "Technology", "storm", "Weather", "暴雨", "Weather");
        return fixed(article -> keywords.entrySet().stream()
                .filter(e -> article.text().toLowerCase(java.util.Locale.ROOT).contains(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse("Economy"));
    }

    private static TrainedClassifier fixed(Function<Article, String> labelOf) {
        return new TrainedClassifier() {
            @Override
            public Prediction classify(Article article) {
                String label = labelOf.apply(article);
                Map<String, Double> scores = new TreeMap<>();
                CLASSES.forEach(c -> scores.put(c, c.equals(label) ? 1.0 : 0.0));
                return new Prediction(label, 1.0, scores, Set.of(), "", "keywords", dev.classifier.api.Usage.NONE);
            }

            @Override
            public Taxonomy taxonomy() {
                return TrainingData.TAXONOMY;
            }

            @Override
            public String modelVersion() {
                return "keywords";
            }
        };
    }

    private static float[][] vectors(List<Article> articles) {
        HashingEmbedder embedder = new HashingEmbedder();
        return articles.stream().map(a -> embedder.embed(a.text())).toArray(float[][]::new);
    }

    private static List<LabeledArticle> rows(CentreRefinement.Selection selection) {
        return CoTraining.rows(CLASSES, POOL, selection);
    }

    /** An embedding model that cannot tell the classes apart: every score is 0. */
    private static LinearModel undecided() {
        return new LinearModel(CLASSES, new double[CLASSES.size()][HashingEmbedder.DIMENSION],
                new double[CLASSES.size()], 1.0);
    }

    /** Four-dimensional vectors and an identity model: the score of class k is the vector's k-th value. */
    private static LinearModel identityModel() {
        double[][] identity = new double[4][4];
        for (int k = 0; k < 4; k++) {
            identity[k][k] = 1;
        }
        return new LinearModel(CLASSES, identity, new double[4], 1.0);
    }

    @Test
    void theBlendLabelsThePoolAndEachClassGetsTheSameCountFromASkewedPool() {
        // The embedding cannot decide; the companion's voice in the blend says what each article is taken for.
        List<LabeledArticle> rows = rows(CoTraining.pseudoLabelled(CLASSES, undecided(), 1.0, keywordCompanion(), POOL,
                vectors(POOL), (r, t) -> keywordCompanion(), TrainingData.TAXONOMY, TrainingData.examples()));
        Map<String, Long> perClass = rows.stream().collect(Collectors.groupingBy(LabeledArticle::label,
                TreeMap::new, Collectors.counting()));
        assertThat(perClass).as("half of the two Sports, Technology and Weather articles each; Economy as many, but"
                + " the floor (4x the largest class's examples) lets it keep half its own six")
                .isEqualTo(Map.of("Economy", 3L, "Sports", 1L, "Technology", 1L, "Weather", 1L));
        Classifier companion = keywordCompanion();
        rows.forEach(row -> assertThat(row.label()).as(row.article().id())
                .isEqualTo(companion.classify(row.article()).label()));
        Set<String> poolIds = POOL.stream().map(Article::id).collect(Collectors.toSet());
        assertThat(rows).allSatisfy(row -> assertThat(poolIds).contains(row.article().id()));
    }

    @Test
    void aCompanionThatGivesEveryArticleOneClassTeachesNothing() {
        TrainedClassifier weatherOnly = fixed(article -> "Weather");
        List<LabeledArticle> rows = rows(CoTraining.pseudoLabelled(CLASSES, undecided(), 1.0, weatherOnly, POOL,
                vectors(POOL), (r, t) -> weatherOnly, TrainingData.TAXONOMY, TrainingData.examples()));
        assertThat(rows).as("the other classes get no pool article, so none may be kept for any").isEmpty();
    }

    @Test
    void withoutACompanionTheEmbeddingAloneLabelsThePoolSurestFirst() {
        LinearModel model = identityModel();
        float[][] pool = {
                {0.9f, 0.1f, 0, 0}, {0.6f, 0.4f, 0, 0}, {0.8f, 0, 0.1f, 0}, {0.7f, 0, 0, 0.2f}, {0.95f, 0, 0, 0},
                {0.55f, 0.45f, 0, 0}, {0.2f, 0.8f, 0, 0}, {0, 0.6f, 0.5f, 0}, {0, 0.1f, 0.9f, 0}, {0.3f, 0, 0.5f, 0},
                {0, 0, 0.4f, 0.6f}, {0, 0, 0, 1}};
        List<LabeledArticle> rows = rows(CoTraining.pseudoLabelled(CLASSES, model, 1.0, null, POOL, pool,
                (r, t) -> {
                    throw new AssertionError("no companion: none is trained");
                }, TrainingData.TAXONOMY, TrainingData.examples()));
        assertThat(rows).extracting(row -> row.article().id() + "=" + row.label()).as("the surer of each class's"
                + " two; Economy, of six, its surest three (the floor lets it keep half its own)").containsExactly(
                "p5=Economy", "p1=Economy", "p3=Economy", "p7=Sports", "p9=Technology", "p12=Weather");
    }

    @Test
    void aFoldsHeldOutRowsNeverTeachTheCompanionAndPoolLabelsGoNowhere() {
        List<Set<String>> trainedOn = Collections.synchronizedList(new ArrayList<>());
        Trainer local = LocalClassifier.trainer();
        Trainer recording = (rows, taxonomy) -> {
            trainedOn.add(rows.stream().map(r -> r.article().id()).collect(Collectors.toSet()));
            return local.train(rows, taxonomy);
        };
        List<LabeledArticle> examples = TrainingData.examples();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            examples.forEach(e -> store.add(Feedback.of(e.article(), e.label(), "")));
            long before = store.size();
            EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                    .taxonomy(TrainingData.TAXONOMY).companion(recording).build();
            try (EmbeddingClassifier classifier = trainer.train(store, POOL)) {
                assertThat(classifier.classify(Article.of("q", "央行宣布降息", "")).label())
                        .isIn(TrainingData.TAXONOMY.labels());
            }
            assertThat(store.size()).as("nothing inferred from the pool is stored").isEqualTo(before);
        }
        List<String> ids = examples.stream().map(e -> e.article().id()).toList();
        int[] y = examples.stream().mapToInt(e -> CLASSES.indexOf(e.label())).toArray();
        int[] foldOf = Folds.assignEvery(ids, y, CLASSES.size(), 5, 42);
        Set<String> poolIds = POOL.stream().map(Article::id).collect(Collectors.toSet());
        List<Set<String>> taught = trainedOn.stream().filter(set -> set.stream().anyMatch(poolIds::contains)).toList();
        assertThat(taught).as("the pool taught the companion in the held-out folds").hasSizeGreaterThanOrEqualTo(5);
        for (Set<String> set : taught) {
            Set<Integer> missingFolds = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!set.contains(ids.get(i))) {
                    missingFolds.add(foldOf[i]);
                }
            }
            Set<Integer> missing = new HashSet<>(missingFolds);
            assertThat(missing.size()).as("a companion the pool taught lacks one whole fold (held out) or none"
                    + " (the final one)").isLessThanOrEqualTo(1);
            missing.forEach(fold -> {
                for (int i = 0; i < ids.size(); i++) {
                    if (foldOf[i] == fold) {
                        assertThat(set).as("held-out row %s", ids.get(i)).doesNotContain(ids.get(i));
                    }
                }
            });
        }
    }

    @Test
    void coTrainedArticlesMoveEachCentreHalfwayTowardsTheMeanOfItsArticles() {
        LinearModel centres = identityModel();
        float[][] pool = {{0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {0, 0, 0, 1}};
        // One article per class, each taken for the next class: row 0 (Sports' vector) for Economy, and so on.
        CentreRefinement.Selection selection = new CentreRefinement.Selection(1, new int[]{0, 1, 2, 3},
                new int[]{0, 1, 2, 3});
        LinearModel moved = CentreRefinement.towards(centres, pool, selection);
        double half = Math.sqrt(0.5);
        for (int k = 0; k < 4; k++) {
            double[] expected = new double[4];
            expected[k] = half;
            expected[(k + 1) % 4] = half;
            assertThat(moved.weights()[k]).as(CLASSES.get(k)).containsExactly(expected,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(CentreRefinement.towards(centres, pool, new CentreRefinement.Selection(0, new int[0], new int[0])))
                .as("a selection that keeps none leaves the centres").isSameAs(centres);
    }

    @Test
    void poolUsesSayWhatTheCoTrainedArticlesShapedAndOlderNamesStillRead() throws java.io.IOException {
        assertThat(TrainingSettings.PoolUse.CO_TRAINED.teachesCompanion()).isTrue();
        assertThat(TrainingSettings.PoolUse.CO_TRAINED.coTrainsCentres()).isTrue();
        assertThat(TrainingSettings.PoolUse.CO_TRAINED.movesCentres()).as("the labelling model's own refinement")
                .isFalse();
        assertThat(TrainingSettings.PoolUse.CENTRES_AND_CO_TRAINED.movesCentres()).isTrue();
        assertThat(TrainingSettings.PoolUse.COMPANION.coTrainsCentres()).isFalse();
        assertThat(TrainingSettings.PoolUse.CENTRES.teachesCompanion()).isFalse();
        // Saved files name the use: the names earlier versions wrote keep their meaning.
        assertThat(java.util.Arrays.stream(TrainingSettings.PoolUse.values()).map(Enum::name).toList())
                .startsWith("NONE", "CENTRES", "COMPANION", "CENTRES_AND_COMPANION");
        for (TrainingSettings.PoolUse use : TrainingSettings.PoolUse.values()) {
            TrainingSettings settings = new TrainingSettings(2.0, EmbeddingClassifier.Method.LOGISTIC, 1e-3, 0.05,
                    use, 120, 0.5, 1.2, 0.25, 0.4, 32, false);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
                ModelParts.writeSettings(out, settings);
            }
            assertThat(ModelParts.readSettings(java.nio.ByteBuffer.wrap(bytes.toByteArray()),
                    EmbeddingModelFile.FORMAT_VERSION)).isEqualTo(settings);
        }
    }

    @Test
    void theTrainerMayLetTheCoTrainedArticlesMoveTheCentresAndSaysSo() {
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
                .taxonomy(TrainingData.TAXONOMY).build();
        try (EmbeddingClassifier classifier = trainer.train(TrainingData.examples(), POOL)) {
            TrainingSettings settings = classifier.settings().orElseThrow();
            if (settings.pool().coTrainsCentres()) {
                assertThat(settings.pseudoLabelled()).as("the co-trained articles that moved the centres")
                        .isPositive().isLessThanOrEqualTo(POOL.size());
                assertThat(settings.companionWeight()).isPositive();
            } else if (!settings.pool().movesCentres()) {
                assertThat(settings.pseudoLabelled()).isZero();
            }
            assertThat(classifier.classify(Article.of("q", "气象台发布台风预警", "")).label())
                    .isIn(TrainingData.TAXONOMY.labels());
        }
    }

    @Test
    void aFloorLetsEachClassKeepMoreThanTheRarestClassAllowsButNeverMoreThanHalfItsOwn() {
        // Eight pool articles taken for class 0 (surest first: margins 8 down to 1), two for class 1.
        List<double[]> scores = new ArrayList<>();
        for (int m = 8; m >= 1; m--) {
            scores.add(new double[]{m, 0});
        }
        scores.add(new double[]{0, 2});
        scores.add(new double[]{0, 1});
        CentreRefinement.Selection equal = CentreRefinement.select(scores, 2, 100);
        assertThat(equal.rows()).as("the rarest class keeps one: so does every class").containsExactly(0, 8);
        CentreRefinement.Selection floored = CentreRefinement.select(scores, 2, 100, 3);
        assertThat(floored.rows()).as("class 0 keeps its surest three; class 1 half of its own two")
                .containsExactly(0, 1, 2, 8);
        assertThat(floored.classes()).containsExactly(0, 0, 0, 1);
        assertThat(floored.perClass()).as("the smallest count").isEqualTo(1);
        assertThat(CentreRefinement.select(scores, 2, 2, 3).rows()).as("the bound per class still holds")
                .containsExactly(0, 1, 8);
        assertThat(CoTraining.floor(CLASSES, TrainingData.examples())).as("four per example of the largest class")
                .isEqualTo(4 * (int) TrainingData.examples().stream().collect(Collectors.groupingBy(
                        LabeledArticle::label, Collectors.counting())).values().stream().mapToLong(Long::longValue)
                        .max().orElseThrow());
    }
}
