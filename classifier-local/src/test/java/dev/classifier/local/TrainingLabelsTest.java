package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: rows left out of training are a warning (one line with counts), a model of one label is refused, and
 * the training log prints plain numbers. Logs are read from stderr, where slf4j-simple writes them (INFO and up).
 */
class TrainingLabelsTest {

    private static final LocalTrainer TRAINER = LocalTrainer.builder().seed(11).parallelism(1).build();

    @Test
    void rowsLeftOutAreOneWarningWithCountsByLabel() {
        List<LabeledArticle> rows = new ArrayList<>(MiniCorpus.rows());
        rows.add(new LabeledArticle(Article.of("x1", "Recipe for apple pie", ""), "Cooking"));
        rows.add(new LabeledArticle(Article.of("x2", "红烧肉的做法", ""), "Cooking"));
        rows.add(new LabeledArticle(Article.of("x3", "Star seen at party", ""), "Gossip"));

        String log = logOf(() -> TRAINER.train(rows, MiniCorpus.TAXONOMY));

        List<String> leftOut = log.lines().filter(l -> l.contains("left out")).toList();
        assertThat(leftOut).singleElement().satisfies(line -> assertThat(line)
                .contains("WARN")
                .contains("left out 3 of 51 training rows")
                .contains("{Cooking=2, Gossip=1}")
                .doesNotContain("apple pie").doesNotContain("红烧肉"));
    }

    @Test
    void rowsOfOneLabelOnlyAreRefused() {
        List<LabeledArticle> sportsOnly = MiniCorpus.rows().stream().filter(r -> r.label().equals("Sports")).toList();
        List<LabeledArticle> rows = new ArrayList<>(sportsOnly);
        rows.add(new LabeledArticle(Article.of("x1", "Recipe for apple pie", ""), "Cooking"));

        assertThatThrownBy(() -> TRAINER.train(rows, MiniCorpus.TAXONOMY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two labels")
                .hasMessageContaining("{Sports=12}")
                .hasMessageContaining("Cooking=1")
                .hasMessageContaining("[Sports, Business, Technology, World, Uncategorized]");
    }

    @Test
    void theTrainingLogPrintsPlainNumbers() {
        String calibrated = logOf(() -> TRAINER.train(MiniCorpus.rows(), MiniCorpus.TAXONOMY));
        String trainedLine = calibrated.lines().filter(l -> l.contains("cross-validated accuracy")).findFirst().orElseThrow();
        assertThat(trainedLine).doesNotContain("Optional").containsPattern("cross-validated accuracy 0\\.\\d{3}, ECE 0\\.\\d{3}");

        List<LabeledArticle> four = List.of(MiniCorpus.rows().get(0), MiniCorpus.rows().get(1),
                MiniCorpus.rows().get(12), MiniCorpus.rows().get(13));
        String uncalibrated = logOf(() -> TRAINER.train(four, MiniCorpus.TAXONOMY));
        assertThat(uncalibrated).contains("cross-validated accuracy n/a, ECE n/a").doesNotContain("Optional");
    }

    @Test
    void aRefreshingClassifierWaitsForASecondLabelAndWarnsOfDroppedFeedback() throws Exception {
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore();
             RefreshingClassifier classifier = RefreshingClassifier.builder().trainer(TRAINER).store(store)
                     .taxonomy(MiniCorpus.TAXONOMY).pollEvery(Duration.ZERO).build()) {
            store.add(Feedback.of(Article.of("a", "Striker scores twice", ""), "Sports", ""));
            store.add(Feedback.of(Article.of("g", "Star seen at party", ""), "Gossip", ""));

            String log = logOf(() -> join(classifier));

            assertThat(classifier.modelVersion()).as("one label is not enough for a model").isEmpty();
            Prediction p = classifier.classify(Article.of("b", "Goalkeeper saves a penalty", ""));
            assertThat(p.model()).isEqualTo(RefreshingClassifier.UNTRAINED);
            assertThat(p.has(Prediction.Flag.FALLBACK)).isTrue();
            assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("{Gossip=1}"))).hasSize(1);

            store.add(Feedback.of(Article.of("c", "央行宣布下调存款准备金率", ""), "Business", ""));
            join(classifier);
            assertThat(classifier.modelVersion()).as("two labels train a model").isPresent();
        }
    }

    private static void join(RefreshingClassifier classifier) {
        try {
            classifier.refresh().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} with stderr captured. */
    /** The lines logged while the work runs, one text. */
    static String logOf(Runnable work) {
        return String.join("\n", LogCapture.linesOf(work));
    }
}
