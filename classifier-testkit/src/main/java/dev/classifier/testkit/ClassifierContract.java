package dev.classifier.testkit;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link Classifier} must do, whatever its strategy. An implementation's test extends this class and
 * says how to make the classifier; the kit checks labels, order, confidence and concurrent use.
 */
public abstract class ClassifierContract {

    private Classifier classifier;

    /** A new classifier, ready to classify. It is closed after each test. */
    protected abstract Classifier createClassifier() throws Exception;

    /**
     * Whether the same article always gets the same label from one classifier. Strategies that sample from a
     * remote model may say no; then only shapes, not labels, are compared across calls.
     */
    protected boolean deterministic() {
        return true;
    }

    /** Articles the contract classifies: English and Chinese, short and long, and text that looks like markup. */
    protected List<Article> contractArticles() {
        return ContractArticles.mixed();
    }

    @BeforeEach
    final void createContractClassifier() throws Exception {
        classifier = createClassifier();
    }

    @AfterEach
    final void closeContractClassifier() {
        if (classifier != null) {
            classifier.close();
        }
    }

    protected final Classifier classifier() {
        return classifier;
    }

    @Test
    void taxonomyHasItsFallbackAmongItsLabels() {
        Taxonomy taxonomy = classifier.taxonomy();
        assertThat(taxonomy).isNotNull();
        assertThat(taxonomy.labels()).contains(taxonomy.fallback());
    }

    @Test
    void everyLabelIsOneOfTheTaxonomys() {
        for (Article article : contractArticles()) {
            Prediction prediction = classifier.classify(article);
            assertThat(classifier.taxonomy().labels())
                    .as("label of article %s", article.id())
                    .contains(prediction.label());
        }
    }

    @Test
    void confidenceIsAProbabilityOrNaNAndScoresNameOnlyLabels() {
        for (Article article : contractArticles()) {
            Prediction prediction = classifier.classify(article);
            double confidence = prediction.confidence();
            assertThat(Double.isNaN(confidence) || (confidence >= 0 && confidence <= 1))
                    .as("confidence %s of article %s", confidence, article.id()).isTrue();
            for (Map.Entry<String, Double> score : prediction.scores().entrySet()) {
                assertThat(classifier.taxonomy().labels()).contains(score.getKey());
                assertThat(score.getValue()).isBetween(0.0, 1.0);
            }
            assertThat(prediction.model()).isNotBlank();
        }
    }

    @Test
    void classifyAllKeepsOrderAndSize() {
        List<Article> articles = contractArticles();
        List<Outcome> outcomes = classifier.classifyAll(articles);
        assertThat(outcomes).hasSize(articles.size());
        for (int i = 0; i < articles.size(); i++) {
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Outcome.Failure failure) {
                assertThat(failure.articleId()).isEqualTo(articles.get(i).id());
            } else if (deterministic()) {
                Prediction alone = classifier.classify(articles.get(i));
                assertThat(outcome.predictionIfAny().orElseThrow().label())
                        .as("label of article %s in classifyAll against classify", articles.get(i).id())
                        .isEqualTo(alone.label());
            }
        }
        assertThat(outcomes).as("the contract's articles are all classifiable").allMatch(Outcome::isSuccess);
    }

    @Test
    void classifyAllOfNothingIsNothing() {
        assertThat(classifier.classifyAll(List.of())).isEmpty();
    }

    @Test
    void concurrentUseIsSafe() throws Exception {
        List<Article> articles = contractArticles();
        List<String> expected = new ArrayList<>();
        for (Article article : articles) {
            expected.add(classifier.classify(article).label());
        }
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Callable<List<String>> task = () -> {
                    List<String> labels = new ArrayList<>();
                    for (int round = 0; round < 3; round++) {
                        for (Article article : articles) {
                            labels.add(classifier.classify(article).label());
                        }
                    }
                    return labels;
                };
                results.add(pool.submit(task));
            }
            for (Future<List<String>> result : results) {
                List<String> labels = result.get(2, TimeUnit.MINUTES);
                assertThat(labels).hasSize(articles.size() * 3).allMatch(classifier.taxonomy()::contains);
                if (deterministic()) {
                    for (int i = 0; i < labels.size(); i++) {
                        assertThat(labels.get(i)).isEqualTo(expected.get(i % articles.size()));
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
