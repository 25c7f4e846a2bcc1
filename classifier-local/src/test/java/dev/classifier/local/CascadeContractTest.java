package dev.classifier.local;

import dev.classifier.api.Classifier;
import dev.classifier.api.Classifiers;
import dev.classifier.testkit.ClassifierContract;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Classifiers#cascade} meets the contract with real classifiers on both sides: two local models trained
 * differently, so that some articles are answered by the first and the others by the fallback.
 */
class CascadeContractTest extends ClassifierContract {

    private static final double THRESHOLD = 0.6;

    private static LocalClassifier model(long seed) {
        return LocalTrainer.builder().seed(seed).build().train(MiniCorpus.rows(), MiniCorpus.TAXONOMY);
    }

    @Override
    protected Classifier createClassifier() {
        return Classifiers.cascade(model(7), THRESHOLD, model(11));
    }

    @Test
    void bothSidesAnswerSomeOfTheContractArticles() {
        String first = model(7).modelVersion();
        String fallback = model(11).modelVersion();
        Set<String> answeredBy = contractArticles().stream()
                .map(article -> classifier().classify(article).model()).collect(Collectors.toSet());
        assertThat(first).isNotEqualTo(fallback);
        assertThat(answeredBy).containsExactlyInAnyOrder(first, fallback);
    }

    /** Both sides fail: the first's failure sends the article to the fallback, whose failure is the answer. */
    @Override
    protected Optional<Classifier> createFailingClassifier() {
        return Optional.of(Classifiers.cascade(new FailingModel(MiniCorpus.TAXONOMY), THRESHOLD,
                new FailingModel(MiniCorpus.TAXONOMY)));
    }
}
