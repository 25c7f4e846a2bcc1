package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import dev.classifier.local.LocalClassifier;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java blocks of this module's README, word for word between the {@code readme:} markers, so that they
 * compile; {@link ReadmeSnippetsTest} checks that the README shows them and runs the save-and-load one.
 */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    @SuppressWarnings("unused")
    static void use(FeedbackStore feedbackStore, Article article) {
        // readme:use
        Taxonomy taxonomy = Taxonomy.builder()                                      // one plain sentence per category
                .category("World", "News about world affairs: politics, governments and events in countries around the world.")
                .category("Sports", "News about sports: games, teams, players and competitions.")
                .category("Business", "News about business: companies, markets, trade and the economy.")
                .category("Sci/Tech", "News about science and technology: research, computers, software and the internet.")
                .build();
        try (OnnxTextEmbedder model = OnnxTextEmbedder.load(EmbeddingModel.bgeSmallEn());   // English articles: see below
             EmbeddingCache cache = EmbeddingCache.open(Path.of("embeddings.cache"))) {
            TextEmbedder embedder = cache.wrap(model);                               // each text embedded once, ever
            EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy).build();
            List<Article> recent = recentArticles();                                 // unlabelled; may be empty
            try (Classifier classifier = trainer.train(feedbackStore, recent)) {     // works with an empty store too
                Prediction p = classifier.classify(article);
            }
        }
        // readme:end
    }

    /** Stands for the articles the application classified lately (the README's unlabelled pool). */
    private static List<Article> recentArticles() {
        return List.of();
    }

    static EmbeddingTrainer companion(TextEmbedder embedder, Taxonomy taxonomy) {
        // readme:companion
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                .companion(LocalClassifier.trainer())                                // a dev.classifier.api.Trainer
                .build();
        // readme:end
        return trainer;
    }

    static void saveAndLoad(EmbeddingClassifier classifier, Path file, Article article) throws IOException {
        // readme:save-load
        classifier.save(file);                                  // everything it learnt, in one file

        // Later, perhaps in another process: the same embedding model, and it answers as it did.
        try (OnnxTextEmbedder model = OnnxTextEmbedder.loadDefault();
             EmbeddingClassifier loaded = EmbeddingClassifier.load(file, model)) {
            Prediction p = loaded.classify(article);
            System.out.println(p.label() + " from " + p.model()); // p.model() is loaded.modelVersion()
        }
        // readme:end
    }
}
