package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 17: examples left out of training are a warning (one line with counts), and a model of fewer than two
 * labels is refused. Logs are read from stderr, where slf4j-simple writes them.
 */
class EmbeddingTrainingLabelsTest {

    private final EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(new HashingEmbedder())
            .taxonomy(TrainingData.TAXONOMY).build();

    @Test
    void examplesLeftOutAreOneWarningWithCountsByLabel() {
        List<LabeledArticle> examples = new ArrayList<>(TrainingData.examples());
        examples.add(labeled("x1", "Celebrity wedding", "Gossip"));
        examples.add(labeled("x2", "明星婚礼", "Gossip"));
        examples.add(labeled("x3", "New galaxy found", "Astronomy"));

        String log = logOf(() -> trainer.train(examples));

        List<String> leftOut = log.lines().filter(l -> l.contains("left out")).toList();
        assertThat(leftOut).singleElement().satisfies(line -> assertThat(line)
                .contains("WARN")
                .contains("left out 3 of 35 training examples")
                .contains("{Astronomy=1, Gossip=2}")
                .doesNotContain("wedding").doesNotContain("明星"));
    }

    @Test
    void withoutTheDescriptionPriorExamplesOfFewerThanTwoLabelsAreRefused() {
        EmbeddingTrainer trainer = this.trainer.toBuilder().descriptionPrior(false).build();
        List<LabeledArticle> economyOnly = List.of(labeled("1", "Stocks rally", "Economy"),
                labeled("2", "银行利润创新高", "Economy"), labeled("3", "Celebrity wedding", "Gossip"));

        assertThatThrownBy(() -> trainer.train(economyOnly))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least two labels")
                .hasMessageContaining("{Economy=2}")
                .hasMessageContaining("Gossip=1")
                .hasMessageContaining("[Economy, Sports, Technology, Weather, Uncategorized]");
        assertThatThrownBy(() -> trainer.train(economyOnly, TrainingData.TAXONOMY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two labels");
        assertThatThrownBy(() -> trainer.train(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two labels");
    }

    @Test
    void withTheDescriptionPriorOneLabelOfExamplesTrainsAndTheOtherLabelsKeepTheirPrototypes() {
        List<LabeledArticle> economyOnly = List.of(labeled("1", "Stocks rally", "Economy"),
                labeled("2", "银行利润创新高", "Economy"));
        EmbeddingClassifier classifier = trainer.train(economyOnly);
        assertThat(classifier.summary().examplesPerLabel()).containsOnlyKeys("Economy");
        assertThat(classifier.classify(Article.of("q", "Stocks rally", "")).scores())
                .containsKeys("Economy", "Sports", "Technology", "Weather")
                .allSatisfy((label, p) -> assertThat(p).as(label).isBetween(0.0, 1.0));
        assertThat(classifier.settings()).hasValueSatisfying(s -> assertThat(s.searchedAt()).isZero());
    }

    private static LabeledArticle labeled(String id, String title, String label) {
        return new LabeledArticle(Article.of(id, title, ""), label);
    }

    /** The lines logged while the work runs, one text. */
    private static String logOf(Runnable work) {
        return String.join("\n", LogCapture.linesOf(work));
    }
}
