package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.api.LabeledArticle;

import java.util.List;

/**
 * Trains the classifier an {@link EmbeddingClassifier} may combine with, typically the local n-gram model: its
 * label probabilities ({@link dev.classifier.api.Prediction#scores()}) join the embedding's where held-out data
 * says they add accuracy. Lexical and semantic evidence err differently, so together they often do.
 */
@FunctionalInterface
public interface CompanionTrainer {

    Classifier train(List<LabeledArticle> examples);
}
