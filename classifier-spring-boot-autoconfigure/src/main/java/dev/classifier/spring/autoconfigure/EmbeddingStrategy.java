package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.RefreshingClassifier;

import java.util.List;

/**
 * The embeddings strategy (classifier-embeddings): bge-small-zh sentence embeddings blended with the local model,
 * retrained as feedback arrives. The embedder is closed with the classifier.
 */
final class EmbeddingStrategy {

    private EmbeddingStrategy() {
    }

    static Classifier build(ClassifierProperties properties, Taxonomy taxonomy, FeedbackStore store,
                            ClassifierMeterBinders meters) {
        OnnxTextEmbedder embedder = OnnxTextEmbedder.loadDefault();
        try {
            EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                    .companion(LocalClassifier.trainer()).build();
            RefreshingClassifier classifier = Strategies.start(Strategies.refreshing(trainer, "embeddings",
                    properties, taxonomy, store, meters).build(), properties);
            return new ClosingEmbedder(classifier, embedder);
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }

    /** Closes the embedder after the classifier that uses it. */
    private record ClosingEmbedder(RefreshingClassifier classifier, OnnxTextEmbedder embedder) implements Classifier {

        @Override
        public Prediction classify(Article article) {
            return classifier.classify(article);
        }

        @Override
        public List<Outcome> classifyAll(List<Article> articles) {
            return classifier.classifyAll(articles);
        }

        @Override
        public Taxonomy taxonomy() {
            return classifier.taxonomy();
        }

        @Override
        public void close() {
            try {
                classifier.close();
            } finally {
                embedder.close();
            }
        }
    }
}
