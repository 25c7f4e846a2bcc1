package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A category added after the model was trained reaches the articles about its topic that share no rule with its
 * corrections and are not their near-duplicates, through {@link NewCategoryCentroids}: English and Chinese, only
 * once there are corrections enough, never for articles of the old labels, and not once the model knows the label.
 * Rules are turned off here, so that whatever spreads spreads through the centroids.
 */
class NewCategoryCentroidsTest {

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    @AfterEach
    void close() {
        store.close();
    }

    /** The taxonomy without one label (what the model was trained on) and with it. */
    private static Taxonomy without(Taxonomy full, String held) {
        Taxonomy.Builder b = Taxonomy.builder();
        full.labels().stream().filter(l -> !l.equals(held) && !l.equals(full.fallback())).forEach(l -> b.category(l, ""));
        return b.build();
    }

    private CorrectingClassifier over(ConstantClassifier model, Taxonomy full) {
        return CorrectingClassifier.builder().classifier(model).store(store).taxonomy(full)
                .ruleEvidence(Double.POSITIVE_INFINITY).build();
    }

    /** The other labels' synthetic feedback as the store's background. */
    private void background(List<Feedback> rows, String held) {
        rows.stream().filter(f -> !f.label().equals(held)).forEach(store::add);
    }

    /** {@code count} corrections from {@code from} to {@code held}, of fresh headlines of its vocabulary. */
    private List<String> correct(Map<String, List<String>> vocabulary, List<String> common, String separator,
                                 String held, String from, int count, long seed) {
        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = SyntheticNews.words(vocabulary.get(held), 6, random, separator) + separator
                    + SyntheticNews.words(common, 3, random, separator);
            Feedback f = store.add(Feedback.correction(Article.of("c-" + seed + "-" + i, text, ""))
                    .from(from).to(held).because("").withId("fix-" + i));
            ids.add(f.id());
        }
        return ids;
    }

    /** The share of {@code count} fresh headlines of a label's vocabulary given {@code label}. */
    private static double share(CorrectingClassifier classifier, Map<String, List<String>> vocabulary,
                                List<String> common, String separator, String of, String label, long seed) {
        Random random = new Random(seed);
        int count = 40;
        int hits = 0;
        for (int i = 0; i < count; i++) {
            String text = SyntheticNews.words(vocabulary.get(of), 6, random, separator) + separator
                    + SyntheticNews.words(common, 3, random, separator);
            if (classifier.classify(Article.of("q-" + seed + "-" + i, text, "")).label().equals(label)) {
                hits++;
            }
        }
        return (double) hits / count;
    }

    @Test
    void englishArticlesAboutTheNewTopicTakeItOnceCorrectionsAgreeAndTheOthersKeepTheirLabel() {
        Taxonomy full = SyntheticNews.NEWS;
        background(SyntheticNews.english(50, 1, SyntheticNews.BEFORE), "Sports");
        try (CorrectingClassifier classifier = over(new ConstantClassifier(without(full, "Sports"), "World"), full)) {
            Map<String, List<String>> v = SyntheticNews.ENGLISH;
            List<String> c = SyntheticNews.COMMON;
            correct(v, c, " ", "Sports", "World", 1, 11);
            assertThat(share(classifier, v, c, " ", "Sports", "Sports", 21)).as("one correction spreads no topic")
                    .isZero();

            List<String> ids = correct(v, c, " ", "Sports", "World", 10, 12);
            assertThat(share(classifier, v, c, " ", "Sports", "Sports", 22)).isGreaterThan(0.9);
            assertThat(share(classifier, v, c, " ", "World", "World", 23)).isEqualTo(1.0);

            Prediction p = classifier.classify(Article.of("q-1", "striker goal league coach season cup says", ""));
            assertThat(p.label()).isEqualTo("Sports");
            assertThat(p.has(Prediction.Flag.CORRECTED)).isTrue();
            assertThat(p.followed()).hasValueSatisfying(id -> assertThat(ids).contains(id));
            assertThat(p.reason()).contains("new category 'Sports'").doesNotContain("striker");
            assertThat(p.confidence()).isBetween(0.5, 1.0);
            assertThat(p.scores().keySet()).allMatch(full::contains);
        }
    }

    @Test
    void chineseArticlesAboutTheNewTopicTakeItToo() {
        Taxonomy full = SyntheticNews.ZH;
        background(SyntheticNews.chinese(50, 2, SyntheticNews.BEFORE), "game");
        try (CorrectingClassifier classifier = over(new ConstantClassifier(without(full, "game"), "politics"),
                full)) {
            Map<String, List<String>> v = SyntheticNews.CHINESE;
            List<String> c = SyntheticNews.CHINESE_COMMON;
            correct(v, c, "", "game", "politics", 10, 31);

            assertThat(share(classifier, v, c, "", "game", "game", 41)).isGreaterThan(0.9);
            assertThat(share(classifier, v, c, "", "politics", "politics", 42)).isEqualTo(1.0);
            Prediction p = classifier.classify(Article.of("q-1", "玩家期待新版本公测，副本装备全面更新", ""));
            assertThat(p.label()).isEqualTo("game");
            assertThat(p.followed()).hasValueSatisfying(id -> assertThat(id).startsWith("fix-"));
            assertThat(p.reason()).doesNotContain("玩家");
        }
    }

    @Test
    void aModelThatKnowsTheLabelAnswersForItself() {
        Taxonomy full = SyntheticNews.NEWS;
        background(SyntheticNews.english(50, 1, SyntheticNews.BEFORE), "Sports");
        correct(SyntheticNews.ENGLISH, SyntheticNews.COMMON, " ", "Sports", "World", 10, 12);
        // A retrained model whose taxonomy holds Sports (and still says World): the corrections reach their own
        // articles, and no other article through the centroids.
        try (CorrectingClassifier classifier = over(new ConstantClassifier(full, "World"), full)) {
            assertThat(share(classifier, SyntheticNews.ENGLISH, SyntheticNews.COMMON, " ", "Sports", "Sports", 22))
                    .isZero();
        }
    }

    @Test
    void aBackgroundThatAlreadyHoldsTheTopicUnderAnotherLabelMakesItCautious() {
        Taxonomy full = SyntheticNews.NEWS;
        background(SyntheticNews.english(50, 1, SyntheticNews.BEFORE), "Sports");
        // Before the category existed, its articles were filed under World: they look like it and carry another
        // label, so no article is clearly nearer the corrections than every such background feedback.
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            String text = SyntheticNews.words(SyntheticNews.ENGLISH.get("Sports"), 6, random, " ") + " "
                    + SyntheticNews.words(SyntheticNews.COMMON, 3, random, " ");
            store.add(Feedback.of(Article.of("old-" + i, text, ""), "World", "").withId("old-" + i));
        }
        try (CorrectingClassifier classifier = over(new ConstantClassifier(without(full, "Sports"), "World"), full)) {
            correct(SyntheticNews.ENGLISH, SyntheticNews.COMMON, " ", "Sports", "World", 10, 12);
            assertThat(share(classifier, SyntheticNews.ENGLISH, SyntheticNews.COMMON, " ", "Sports", "Sports", 22))
                    .isLessThan(0.2);
        }
    }

    @Test
    void theBackgroundShareIsChecked() {
        assertThatThrownBy(() -> CorrectingClassifier.builder().newCategoryBackgroundShare(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0,1)");
        assertThatThrownBy(() -> CorrectingClassifier.builder().newCategoryBackgroundShare(1.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CorrectingClassifier.builder().newCategoryBackgroundShare(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
