package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingTrainer;
import dev.classifier.embeddings.OnnxTextEmbedder;
import dev.classifier.local.LocalClassifier;
import dev.classifier.local.RefreshingClassifier;


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
            return Classifiers.closingAlso(classifier, embedder);   // the embedder after the classifier that uses it
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
    }
}
