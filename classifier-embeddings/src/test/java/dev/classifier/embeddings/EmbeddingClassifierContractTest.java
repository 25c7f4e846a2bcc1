package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.testkit.ClassifierContract;

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
}
