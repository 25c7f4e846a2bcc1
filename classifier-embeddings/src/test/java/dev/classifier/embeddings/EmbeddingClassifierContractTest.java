package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.testkit.ClassifierContract;

import java.util.Optional;

/** The embedding classifier on the default model meets the contract every classifier meets. */
class EmbeddingClassifierContractTest extends ClassifierContract {

    private static EmbeddingTrainer trainer;

    @Override
    protected Classifier createClassifier() {
        synchronized (EmbeddingClassifierContractTest.class) {
            if (trainer == null) {
                trainer = EmbeddingTrainer.builder().embedder(SharedModel.get()).taxonomy(TrainingData.TAXONOMY).build();
            }
        }
        return trainer.train(TrainingData.examples());
    }

    /** Trained on the real model, which then fails on every text. */
    @Override
    protected Optional<Classifier> createFailingClassifier() {
        BreakableEmbedder embedder = new BreakableEmbedder(SharedModel.get());
        EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(embedder)
                .taxonomy(TrainingData.TAXONOMY).build().train(TrainingData.examples());
        embedder.breakDown();
        return Optional.of(classifier);
    }
}
