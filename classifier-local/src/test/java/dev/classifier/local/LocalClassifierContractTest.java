package dev.classifier.local;

import dev.classifier.api.Classifier;
import dev.classifier.testkit.ClassifierContract;

/** The local n-gram model meets the contract; it holds no provider or runtime that can fail. */
class LocalClassifierContractTest extends ClassifierContract {

    @Override
    protected Classifier createClassifier() {
        // A new model per test: the contract closes it after each one, and a closed classifier refuses work.
        return LocalTrainer.builder().seed(7).build().train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
    }
}
