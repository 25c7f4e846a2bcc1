package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CorrectingClassifier} over a model that cannot learn (every article "Technology"), with the store's
 * background of plain feedback: what one correction and a few corrections change, and what they leave alone.
 */
class CorrectingClassifierTest {

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();
    private CorrectingClassifier classifier;

    @BeforeEach
    void background() {
        LoopCorpus.addBackground(store);
        classifier = CorrectingClassifier.over(new ConstantClassifier(LoopCorpus.TAXONOMY, "Technology"), store);
    }

    @AfterEach
    void close() {
        classifier.close();
        store.close();
    }

    /** A reviewer's correction of what the classifier now says about the text. */
    private Feedback correct(String id, String text, String to) {
        String shown = classify(text).label();
        String from = !shown.equals(to) ? shown : to.equals("Technology") ? "Sports" : "Technology";
        return store.add(Feedback.correction(Article.of("a-" + id, text, "")).from(from).to(to)
                .because("").withId(id));
    }

    private Prediction classify(String text) {
        return classifier.classify(Article.of("q-" + Math.abs(text.hashCode()), text, ""));
    }

    @Test
    void aCorrectionChangesTheNextClassificationOfItsArticleAndSaysSo() {
        String text = "Contoso unveils its quarterly results";
        assertThat(classify(text).label()).isEqualTo("Technology");

        correct("fb-1", text, "Business");

        Prediction p = classify(text);
        assertThat(p.label()).isEqualTo("Business");
        assertThat(p.has(Prediction.Flag.CORRECTED)).isTrue();
        assertThat(p.followed()).contains("fb-1");
        assertThat(p.covers()).isEqualTo(store.lastSequence());
        assertThat(p.confidence()).isEqualTo(1.0);
        assertThat(p.reason()).contains("fb-1").contains("same article").doesNotContain("Contoso");
        assertThat(p.model()).startsWith("constant-v1");
        assertThat(p.scores().get("Business")).isEqualTo(1.0);
        assertThat(classifier.covered()).isEqualTo(store.lastSequence());
    }

    @Test
    void theSameArticleMatchesWhateverItsCaseSpacingAndPunctuation() {
        correct("fb-1", "Contoso unveils its quarterly results", "Business");
        assertThat(classify("  CONTOSO unveils its quarterly results!! ").label()).isEqualTo("Business");
    }

    @Test
    void aNearDuplicateFollowsTheCorrectionAndAnUnrelatedArticleDoesNot() {
        correct("fb-1", "Contoso unveils its quarterly results as cloud sales grow strongly in Europe", "Business");

        Prediction near = classify("Contoso unveils quarterly results as cloud sales grow strongly in Europe");
        assertThat(near.label()).isEqualTo("Business");
        assertThat(near.followed()).contains("fb-1");
        assertThat(near.reason()).contains("near-duplicate");
        assertThat(near.confidence()).isBetween(0.6, 1.0);

        Prediction unrelated = classify("Goalkeeper saves two penalties in the shoot-out");
        assertThat(unrelated.label()).isEqualTo("Technology");
        assertThat(unrelated.has(Prediction.Flag.CORRECTED)).isFalse();
        assertThat(unrelated.followed()).isEmpty();
        assertThat(unrelated.covers()).isEqualTo(store.lastSequence());
    }

    @Test
    void oneCorrectionMakesNoRuleButAFewThatAgreeDo() {
        correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
        assertThat(classify("Contoso hires a new chief designer").label())
                .as("one correction says nothing about which of its words counts").isEqualTo("Technology");

        correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
        correct("fb-3", "Contoso ships tablets to schools", "Business");

        Prediction p = classify("Contoso hires a new chief designer");
        assertThat(p.label()).isEqualTo("Business");
        assertThat(p.has(Prediction.Flag.CORRECTED)).isTrue();
        assertThat(p.followed()).contains("fb-3");
        assertThat(p.reason()).contains("3 corrections to 'Business'").doesNotContain("Contoso");
        assertThat(p.confidence()).isEqualTo(0.75);
        // Articles without the shared term are left alone, including those that share other words with them.
        assertThat(classify("Goalkeeper saves penalty in cup semifinal").label()).isEqualTo("Technology");
        assertThat(classify("Tablets for schools get cheaper").label()).isEqualTo("Technology");
        assertThat(classify("A new research lab opens in Oslo").label()).isEqualTo("Technology");
    }

    @Test
    void aWordThatTravelsWithTheRuleGetsNoRuleOfItsOwn() {
        correct("fb-1", "Contoso opens a research lab with Fabrikam", "Business");
        correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
        correct("fb-3", "Contoso and Fabrikam ship tablets to schools", "Business");
        correct("fb-4", "Contoso names a new finance chief", "Business");

        assertThat(classify("Contoso hires a designer").label()).isEqualTo("Business");
        assertThat(classify("Fabrikam hires a designer").label())
                .as("Fabrikam is in two corrections, both explained by Contoso").isEqualTo("Technology");
    }

    @Test
    void aWordThatGoesWithATopicUnderEveryLabelIsNoRule() {
        // "Contoso" was news under every label: corrections that share it do not change what it means.
        String[][] before = {{"Sports", "Contoso sponsors the derby"}, {"Sports", "Contoso stadium sold out"},
                {"World", "Contoso staff evacuated from the border"}, {"World", "Contoso fined by ministers"},
                {"Technology", "Contoso shows a new phone"}};
        for (int i = 0; i < before.length; i++) {
            store.add(Feedback.of(Article.of("old-" + i, before[i][1], ""), before[i][0], "").withId("old-" + i));
        }
        correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
        correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
        correct("fb-3", "Contoso ships tablets to schools", "Business");

        assertThat(classify("Contoso hires a new chief designer").label()).isEqualTo("Technology");
        assertThat(classify("Contoso ships tablets to schools").label()).isEqualTo("Business");
    }

    @Test
    void aTermHeldByFewOfTheCorrectionsIsNoRule() {
        correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
        correct("fb-2", "Contoso ships tablets to schools", "Business");
        correct("fb-3", "Retail sales slow before the holidays", "Business");
        correct("fb-4", "Mortgage rates edge higher again", "Business");
        correct("fb-5", "Steel output falls for a second month", "Business");
        assertThat(classify("Contoso hires a new chief designer").label())
                .as("two of five corrections to Business hold Contoso").isEqualTo("Technology");
    }

    @Test
    void newerCorrectionsOutweighOlderOnesThatContradictThem() {
        correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
        correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
        correct("fb-3", "Contoso ships tablets to schools", "Business");
        assertThat(classify("Contoso hires a new chief designer").label()).isEqualTo("Business");

        // The rule changes: Contoso is World news now.
        correct("fb-4", "Contoso leaves the country after new sanctions", "World");
        correct("fb-5", "Contoso offices searched by border police", "World");
        correct("fb-6", "Ministers summon Contoso over the election leak", "World");

        Prediction p = classify("Contoso hires a new chief designer");
        assertThat(p.label()).isEqualTo("World");
        assertThat(p.followed()).contains("fb-6");
        // A correction of one article, newer than the rule, decides that article.
        correct("fb-7", "Contoso opens a research lab in Oslo", "Business");
        assertThat(classify("Contoso opens a research lab in Oslo").followed()).contains("fb-7");
        assertThat(classify("Contoso opens a research lab in Oslo").label()).isEqualTo("Business");
    }

    @Test
    void newerPlainFeedbackOnTheSameArticleOverridesAnOlderCorrection() {
        String text = "Contoso unveils its quarterly results";
        correct("fb-1", text, "Business");
        store.add(Feedback.of(Article.of("a-again", text, ""), "Sports", "").withId("fb-2"));

        Prediction p = classify(text);
        assertThat(p.label()).isEqualTo("Sports");
        assertThat(p.followed()).contains("fb-2");
    }

    @Test
    void aRetractionUndoesTheCorrectionAndTheRulesItMade() {
        correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
        correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
        correct("fb-3", "Contoso ships tablets to schools", "Business");
        assertThat(classify("Contoso ships tablets to schools").label()).isEqualTo("Business");
        assertThat(classify("Contoso hires a new chief designer").label()).isEqualTo("Business");

        assertThat(store.retract("fb-3")).isTrue();
        assertThat(store.retract("fb-2")).isTrue();

        Prediction p = classify("Contoso ships tablets to schools");
        assertThat(p.label()).isEqualTo("Technology");
        assertThat(p.has(Prediction.Flag.CORRECTED)).isFalse();
        assertThat(p.covers()).isEqualTo(store.lastSequence());
        assertThat(classify("Contoso hires a new chief designer").label()).isEqualTo("Technology");
        assertThat(classify("Contoso opens a research lab in Oslo").label()).isEqualTo("Business");
    }

    @Test
    void aPurgeUndoesTheCorrectionToo() {
        correct("fb-1", "Contoso unveils its quarterly results", "Business");
        store.purge("a-fb-1");
        assertThat(classify("Contoso unveils its quarterly results").label()).isEqualTo("Technology");
    }

    @Test
    void aLabelTheModelDoesNotKnowIsReachable() {
        Taxonomy withClimate = Taxonomy.builder()
                .category("Business", "").category("Technology", "").category("Sports", "").category("World", "")
                .category("Climate", "a category added after the model was trained").build();
        try (CorrectingClassifier wider = CorrectingClassifier.builder()
                .classifier(new ConstantClassifier(LoopCorpus.TAXONOMY, "Technology")).store(store)
                .taxonomy(withClimate).build()) {
            assertThat(wider.taxonomy()).isEqualTo(withClimate);
            correct("fb-1", "Glaciers retreat faster than forecast", "Climate");
            correct("fb-2", "Record heat melts glaciers in the Alps", "Climate");
            correct("fb-3", "Glaciers lose a tenth of their ice in a decade", "Climate");

            assertThat(wider.classify(Article.of("q-1", "Glaciers retreat faster than forecast", "")).label())
                    .isEqualTo("Climate");
            Prediction p = wider.classify(Article.of("q-2", "Tourists flock to see the glaciers", ""));
            assertThat(p.label()).isEqualTo("Climate");
            assertThat(wider.taxonomy().labels()).contains(p.label());
            assertThat(p.scores().keySet()).allMatch(wider.taxonomy()::contains);
        }
        // Over the model's own taxonomy, a correction to a label it lacks is only background.
        correct("fb-4", "Glaciers shrink in Norway", "Climate");
        assertThat(classify("Glaciers shrink in Norway").label()).isEqualTo("Technology");
    }

    @Test
    void chineseCorrectionsApplyToTheArticleItsNearDuplicatesAndArticlesSharingTheirTerm() {
        correct("fb-1", "今年以来多只基金净值创下历史新高", "Business");
        assertThat(classify("今年以来多只基金净值创下历史新高").label()).isEqualTo("Business");
        assertThat(classify("今年以来，多只基金净值创下历史新高！").label()).isEqualTo("Business");
        assertThat(classify("今年以来多只基金净值创出历史新高").label()).as("near-duplicate").isEqualTo("Business");
        assertThat(classify("基金经理看好科技板块").label()).as("one correction, no rule").isEqualTo("Technology");

        correct("fb-2", "基金公司发布年度报告", "Business");
        correct("fb-3", "新发基金规模回落", "Business");

        Prediction p = classify("基金经理看好科技板块");
        assertThat(p.label()).isEqualTo("Business");
        assertThat(p.followed()).contains("fb-3");
        assertThat(classify("科学家发现一颗新彗星").label()).isEqualTo("Technology");
        assertThat(classify("芯片公司发布新品").label()).as("shares 公司 and 发布, not the rule").isEqualTo("Technology");
    }

    @Test
    void whereTheModelAgreesItsOwnPredictionIsReturned() {
        correct("fb-1", "Contoso unveils its quarterly results", "Sports");
        try (CorrectingClassifier sports = CorrectingClassifier.over(
                new ConstantClassifier(LoopCorpus.TAXONOMY, "Sports"), store)) {
            Prediction p = sports.classify(Article.of("q", "Contoso unveils its quarterly results", ""));
            assertThat(p.label()).isEqualTo("Sports");
            assertThat(p.has(Prediction.Flag.CORRECTED)).isFalse();
            assertThat(p.followed()).isEmpty();
            assertThat(p.confidence()).isEqualTo(0.7);
            assertThat(p.covers()).isEqualTo(store.lastSequence());
        }
    }

    @Test
    void classifyAllAppliesTheCorrectionsToEveryPrediction() {
        correct("fb-1", "Contoso unveils its quarterly results", "Business");
        List<Article> articles = List.of(Article.of("q-1", "Contoso unveils its quarterly results", ""),
                Article.of("q-2", "Goalkeeper saves penalty in cup semifinal", ""));
        List<Prediction> predictions = classifier.classifyAll(articles).stream()
                .map(o -> o.predictionIfAny().orElseThrow()).toList();
        assertThat(predictions).extracting(Prediction::label).containsExactly("Business", "Technology");
        assertThat(predictions).extracting(Prediction::covers).containsOnly(store.lastSequence());
    }

    @Test
    void concurrentClassificationsSeeEveryCorrectionMadeBeforeThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 300; i++) {
                        Prediction p = classify("Contoso article number " + (i % 40));
                        assertThat(LoopCorpus.labels()).contains(p.label());
                        assertThat(p.has(Prediction.Flag.CORRECTED)).isEqualTo(p.followed().isPresent());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < 40; i++) {
                String text = "Contoso article number " + i;
                correct("fb-" + i, text, "Business");
                assertThat(classify(text).followed()).as("the correction just made").contains("fb-" + i);
            }
            for (Future<?> reader : readers) {
                reader.get(1, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(classify("Contoso article number 7").label()).isEqualTo("Business");
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        Classifier base = new ConstantClassifier(LoopCorpus.TAXONOMY, "Technology");
        assertThatThrownBy(() -> CorrectingClassifier.builder().store(store).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("classifier(");
        assertThatThrownBy(() -> CorrectingClassifier.builder().classifier(base).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("store(");
        assertThatThrownBy(() -> CorrectingClassifier.builder().classifier(base).store(store)
                .taxonomy(Taxonomy.of("Business", "Sports")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Technology");
        assertThatThrownBy(() -> CorrectingClassifier.builder().classifier(base).store(store)
                .taxonomy(Taxonomy.builder().category("Business", "").category("Technology", "")
                        .category("Sports", "").category("World", "").category("Uncategorized", "")
                        .fallback("Other").build()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fallback");
        assertThatThrownBy(() -> CorrectingClassifier.builder().nearDuplicateSimilarity(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectingClassifier.builder().nearDuplicateSimilarity(1.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectingClassifier.builder().recentCorrections(1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectingClassifier.builder().ruleEvidence(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectingClassifier.builder().classifier(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void withInfiniteRuleEvidenceOnlyArticlesAndNearDuplicatesFollow() {
        try (CorrectingClassifier cautious = CorrectingClassifier.builder()
                .classifier(new ConstantClassifier(LoopCorpus.TAXONOMY, "Technology")).store(store)
                .ruleEvidence(Double.POSITIVE_INFINITY).build()) {
            correct("fb-1", "Contoso opens a research lab in Oslo", "Business");
            correct("fb-2", "Analysts upgrade Contoso after the product event", "Business");
            correct("fb-3", "Contoso ships tablets to schools", "Business");
            assertThat(cautious.classify(Article.of("q", "Contoso hires a designer", "")).label())
                    .isEqualTo("Technology");
            assertThat(cautious.classify(Article.of("q", "Contoso ships tablets to schools", "")).label())
                    .isEqualTo("Business");
        }
    }

    @Test
    void overATrainedLocalModelACorrectionWinsWhereTheModelDisagrees() {
        try (Classifier local = LoopCorpus.train(store);
             CorrectingClassifier corrected = CorrectingClassifier.over(local, store)) {
            Article article = Article.of("x", "Shares fall on Wall Street as oil prices climb", "");
            String before = corrected.classify(article).label();
            String to = before.equals("World") ? "Sports" : "World";
            store.add(Feedback.correction(article).from(before).to(to).because("").withId("fb-x"));
            Prediction p = corrected.classify(article);
            assertThat(p.label()).isEqualTo(to);
            assertThat(p.followed()).contains("fb-x");
            assertThat(p.model()).isEqualTo(local.classify(article).model() + "+corrections");
            assertThat(Optional.of(p.scores().values().stream().mapToDouble(Double::doubleValue).sum()))
                    .hasValueSatisfying(sum -> assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6)));
        }
    }
}
