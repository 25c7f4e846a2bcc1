package dev.classifier.embeddings;

import dev.classifier.api.Classifier;
import dev.classifier.local.LocalClassifier;
import dev.classifier.testkit.ClassifierContract;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedding classifier blended with the local n-gram model (its companion, which it closes) meets the
 * contract too; when the embedder fails, the companion alone does not hide the failure. The embedder is the
 * hashing stand-in: weak enough that held-out data gives the companion a voice (beside the real model, on this
 * small set, it gets none).
 */
class BlendedEmbeddingClassifierContractTest extends ClassifierContract {

    private static EmbeddingClassifier train(BreakableEmbedder embedder) {
        EmbeddingClassifier classifier = EmbeddingTrainer.builder().embedder(embedder).taxonomy(TrainingData.TAXONOMY)
                .companion(LocalClassifier.trainer()).build().train(TrainingData.examples());
        assertThat(classifier.summary().companionWeight()).as("held-out data gives the companion a voice")
                .isPositive();
        return classifier;
    }

    @Override
    protected Classifier createClassifier() {
        return train(new BreakableEmbedder(new HashingEmbedder()));
    }

    @Override
    protected Optional<Classifier> createFailingClassifier() {
        BreakableEmbedder embedder = new BreakableEmbedder(new HashingEmbedder());
        EmbeddingClassifier classifier = train(embedder);
        embedder.breakDown();
        return Optional.of(classifier);
    }
}
