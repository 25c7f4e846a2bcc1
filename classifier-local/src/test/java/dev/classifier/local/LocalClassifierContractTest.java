package dev.classifier.local;

import dev.classifier.api.Classifier;
import dev.classifier.testkit.ClassifierContract;

class LocalClassifierContractTest extends ClassifierContract {

    private static final LocalClassifier MODEL =
            LocalTrainer.builder().seed(7).build().train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);

    @Override
    protected Classifier createClassifier() {
        return MODEL;
    }
}
