package dev.classifier.review;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** On the shipped sample news (English and Chinese), most articles have a similar past correction to show. */
class SampleSimilarityTest {

    @Test
    void mostSampleArticlesHaveASimilarCorrectionWithItsReason() {
        Taxonomy taxonomy = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
                SampleNews.nameOf(SampleNews.TAXONOMY), Taxonomy.DEFAULT_FALLBACK);
        SimilarCorrections index = new SimilarCorrections();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            FeedbackImport.builder(taxonomy).build().importJsonl(SampleNews.open(SampleNews.FEEDBACK),
                    SampleNews.nameOf(SampleNews.FEEDBACK), store);
            store.stream().filter(Feedback::isCorrection).forEach(index::add);
        }
        assertThat(index.size()).isEqualTo(96);
        List<Article> articles;
        try (var reader = LabeledSets.reader().input(SampleNews.open(SampleNews.ARTICLES),
                SampleNews.nameOf(SampleNews.ARTICLES)).requireRecords().build()) {
            articles = reader.readAll().stream().map(r -> r.article()).toList();
        }
        long withMatch = articles.stream().filter(a -> !index.like(a, 3, 0.05).isEmpty()).count();
        long chineseWithMatch = articles.stream().filter(a -> a.title().matches(".*\\p{IsHan}.*"))
                .filter(a -> !index.like(a, 3, 0.05).isEmpty()).count();
        assertThat(withMatch).isGreaterThan(articles.size() * 3L / 4);
        assertThat(chineseWithMatch).isGreaterThan(10);
    }
}
