package dev.classifier.testkit;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.logging.LogCapture;
import dev.classifier.testkit.logging.RecordingSlf4jProvider;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link Classifier} must do, whatever its strategy. An implementation's test extends this class and
 * says how to make the classifier (and, where something can fail, a failing one: {@link #createFailingClassifier()}).
 * The kit checks:
 * <ul>
 *   <li><b>Answers</b>: every label is one of the taxonomy's, confidence is a probability or NaN, scores name only
 *       labels; {@code classifyAll} keeps the input's order and size and agrees with {@code classify}; concurrent
 *       use is safe.</li>
 *   <li><b>Use after close</b>: {@code close()} may be called again and does nothing. After it, {@code classify}
 *       and {@code classifyAll} (even of no articles) throw {@link IllegalStateException} with a message saying
 *       the classifier is closed; {@code taxonomy()} still answers. Using a closed classifier is the caller's
 *       mistake, not a failure of the model: it is never a {@link ClassificationException}, and never an
 *       {@link Outcome.Failure} that a batch would carry on past.</li>
 *   <li><b>Bad arguments</b>: articles are checked when they are built, so the only bad argument a classifier
 *       sees is a null: a null article, list, or element of the list throws {@link NullPointerException} (a null
 *       in a batch fails the whole call: it has no id to fail under).</li>
 *   <li><b>Failures</b>: when the model or the provider fails, {@code classify} throws a
 *       {@link ClassificationException} (or one of classifier-api's subclasses, which say whether to retry:
 *       {@code UnavailableException}, {@code RateLimitedException}, {@code QuotaExceededException},
 *       {@code UnauthorizedException}, {@code BadOutputException}), never the provider's or the runtime's own
 *       exception; {@code classifyAll} does not throw for them but gives each article an {@link Outcome.Failure}
 *       under its id, in place.</li>
 *   <li><b>No article text</b> in any exception message (causes and suppressed exceptions included), in any
 *       prediction (reason, model, label) or in any log line, at any level, whether classification succeeds or
 *       fails: the kit classifies articles carrying {@link ContractArticles#MARKER} and looks for it. Log lines
 *       are read through SLF4J when the test run selects {@link RecordingSlf4jProvider} (system property
 *       {@code slf4j.provider}); otherwise that one check is skipped.</li>
 * </ul>
 */
public abstract class ClassifierContract {

    private Classifier classifier;

    /**
     * A new classifier, ready to classify: one per test, never shared, as the kit closes it after each test (and
     * one test closes it early and checks that it refuses work).
     */
    protected abstract Classifier createClassifier() throws Exception;

    /**
     * Whether the same article always gets the same label from one classifier. Strategies that sample from a
     * remote model may say no; then only shapes, not labels, are compared across calls.
     */
    protected boolean deterministic() {
        return true;
    }

    /**
     * A classifier of the same strategy whose model or provider fails on every article (a server answering errors,
     * an embedder that throws), for the checks of failures; empty (the default) where nothing can fail, such as a
     * model held in memory. The kit closes it.
     *
     * @return the failing classifier, or empty
     * @throws Exception if it cannot be made
     */
    protected Optional<Classifier> createFailingClassifier() throws Exception {
        return Optional.empty();
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

    @Test
    void useAfterCloseFailsWithIllegalStateException() {
        Article article = ContractArticles.marked().get(0);
        classifier.close();
        assertThatCode(classifier::close).as("closing a closed classifier").doesNotThrowAnyException();
        assertThat(classifier.taxonomy()).as("the taxonomy of a closed classifier").isNotNull();
        List<ThrowingCallable> uses = List.of(
                () -> classifier.classify(article),
                () -> classifier.classifyAll(List.of(article)),
                () -> classifier.classifyAll(List.of()));
        for (ThrowingCallable use : uses) {
            Throwable thrown = catchThrowable(use);
            assertThat(thrown).as("using a closed classifier").isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            TextLeaks.assertNone(thrown);
        }
    }

    @Test
    void nullsAreRefusedWithNullPointerException() {
        Article article = contractArticles().get(0);
        assertThatNullPointerException().as("classify(null)").isThrownBy(() -> classifier.classify(null));
        assertThatNullPointerException().as("classifyAll(null)").isThrownBy(() -> classifier.classifyAll(null));
        assertThatNullPointerException().as("classifyAll of a list holding a null")
                .isThrownBy(() -> classifier.classifyAll(Arrays.asList(article, null)));
    }

    @Test
    void noPredictionOrExceptionCarriesArticleText() {
        classifyMarked(classifier);
    }

    @Test
    void failuresAreClassificationExceptionsThatCarryNoArticleText() throws Exception {
        Optional<Classifier> failing = createFailingClassifier();
        assumeTrue(failing.isPresent(), "the strategy has no model or provider that can fail");
        try (Classifier broken = failing.get()) {
            classifyMarkedFailing(broken);
        }
    }

    @Test
    void logLinesCarryNoArticleText() throws Exception {
        assumeTrue(LogCapture.available(), "log lines are read only with the system property slf4j.provider="
                + RecordingSlf4jProvider.class.getName());
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            classifyMarked(classifier);
            Optional<Classifier> failing = createFailingClassifier();
            if (failing.isPresent()) {
                try (Classifier broken = failing.get()) {
                    classifyMarkedFailing(broken);
                }
            }
            lines = logs.lines();
        }
        assertThat(lines).as("log lines written while classifying marked articles")
                .noneMatch(line -> line.contains(ContractArticles.MARKER));
    }

    /** Classifies the marked articles one by one and as a batch; a failure must be a ClassificationException. */
    private static void classifyMarked(Classifier classifier) {
        List<Article> marked = ContractArticles.marked();
        for (Article article : marked) {
            try {
                TextLeaks.assertNone(classifier.classify(article), article.id());
            } catch (ClassificationException e) {
                TextLeaks.assertNone(e);
            }
        }
        classifier.classifyAll(marked).forEach(TextLeaks::assertNone);
    }

    /** Every marked article fails: with a ClassificationException alone, with a failure in place in a batch. */
    private static void classifyMarkedFailing(Classifier broken) {
        List<Article> marked = ContractArticles.marked();
        for (Article article : marked) {
            Throwable thrown = catchThrowable(() -> broken.classify(article));
            assertThat(thrown).as("what a failing classifier throws for article %s", article.id())
                    .isInstanceOf(ClassificationException.class);
            TextLeaks.assertNone(thrown);
        }
        List<Outcome> outcomes = broken.classifyAll(marked);
        assertThat(outcomes).hasSize(marked.size());
        for (int i = 0; i < marked.size(); i++) {
            String id = marked.get(i).id();
            assertThat(outcomes.get(i)).as("outcome of article %s in a failing classifier's batch", id)
                    .isInstanceOfSatisfying(Outcome.Failure.class,
                            failure -> assertThat(failure.articleId()).isEqualTo(id));
            TextLeaks.assertNone(outcomes.get(i));
        }
    }
}
