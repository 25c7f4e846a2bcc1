package dev.classifier.review.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.JsonlReader;
import dev.classifier.dataset.LabeledSets;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.local.LocalClassifier;
import dev.classifier.testkit.SampleNews;

import java.util.List;

/** The shipped sample news, for the bench and the screenshot: taxonomy, feedback into a store, articles. */
final class SampleNewsPage {

    private SampleNewsPage() {
    }

    static Taxonomy taxonomy() {
        return TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY), SampleNews.nameOf(SampleNews.TAXONOMY),
                Taxonomy.DEFAULT_FALLBACK);
    }

    static void importFeedback(Taxonomy taxonomy, FeedbackStore store) {
        FeedbackImport.builder(taxonomy).build().importJsonl(SampleNews.open(SampleNews.FEEDBACK),
                SampleNews.nameOf(SampleNews.FEEDBACK), store);
    }

    static List<Article> articles() {
        try (JsonlReader<LabeledArticle> reader = LabeledSets.reader()
                .input(SampleNews.open(SampleNews.ARTICLES), SampleNews.nameOf(SampleNews.ARTICLES))
                .requireRecords().build()) {
            return reader.readAll().stream().map(LabeledArticle::article).toList();
        }
    }

    /** A local model trained on the store as it is now, saying that it covers the store's sequence then. */
    static Classifier trainedOn(FeedbackStore store, Taxonomy taxonomy) {
        long sequence = store.lastSequence();
        LocalClassifier model = LocalClassifier.trainer().train(store, taxonomy, dev.classifier.api.LabelMapping.identity());
        return new Classifier() {
            @Override
            public Prediction classify(Article article) {
                return model.classify(article).covering(sequence);
            }

            @Override
            public Taxonomy taxonomy() {
                return taxonomy;
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }
}
