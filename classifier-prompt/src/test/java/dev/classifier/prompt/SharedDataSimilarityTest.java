package dev.classifier.prompt;

import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** On real news: the most similar stored example usually carries the article's own label. Skips without ../shared. */
class SharedDataSimilarityTest {

    @ParameterizedTest
    @CsvSource({"agnews, 0.62", "thucnews, 0.55"})
    void theMostSimilarExampleUsuallyHasTheArticlesLabel(String set, double atLeast) {
        Path data = Path.of(System.getProperty("classifier.sharedDir", "../shared")).resolve("data").resolve(set);
        assumeTrue(Files.isRegularFile(data.resolve("train_k128.jsonl")), "no shared data at " + data);
        List<LabeledArticle> train = LabeledSets.read(data.resolve("train_k128.jsonl"));
        List<LabeledArticle> test = LabeledSets.read(data.resolve("test.jsonl"));
        Taxonomy taxonomy = Taxonomy.of(train.stream().map(LabeledArticle::label).distinct().sorted()
                .toArray(String[]::new));
        InMemoryFeedbackStore store = new InMemoryFeedbackStore();
        train.forEach(row -> store.add(Feedback.of(row.article(), row.label(), "")));
        FeedbackSelector nearest = FeedbackWindow.similar(1).open(store, PromptFormat.of(taxonomy));

        int agree = 0;
        int asked = 0;
        for (int i = 0; i < test.size(); i += test.size() / 300) {
            LabeledArticle row = test.get(i);
            List<Feedback> examples = nearest.select(row.article()).examples();
            agree += !examples.isEmpty() && examples.get(0).label().equals(row.label()) ? 1 : 0;
            asked++;
        }

        // Chance is 1/4 (AG News) and 1/10 (THUCNews); measured 0.70 and 0.62 with 128 examples a label.
        assertThat((double) agree / asked).as("%s: top-1 label agreement over %d articles", set, asked)
                .isGreaterThanOrEqualTo(atLeast);
    }
}
