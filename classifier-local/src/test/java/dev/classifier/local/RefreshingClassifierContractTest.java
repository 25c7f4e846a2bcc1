package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Trainer;
import dev.classifier.testkit.ClassifierContract;
import dev.classifier.testkit.ContractArticles;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RefreshingClassifier} meets the contract with a model trained from the store's feedback, and fails as its
 * answering model fails. Retraining, which the contract does not see, logs no article text either.
 */
class RefreshingClassifierContractTest extends ClassifierContract {

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private RefreshingClassifier.Builder builder() {
        return RefreshingClassifier.builder().trainer(LocalTrainer.builder().seed(7).build()).store(store)
                .taxonomy(MiniCorpus.TAXONOMY).pollEvery(Duration.ZERO);
    }

    @Override
    protected Classifier createClassifier() throws Exception {
        MiniCorpus.rows().forEach(row -> store.add(Feedback.of(row.article(), row.label(), "")));
        RefreshingClassifier classifier = builder().build();
        assertThat(classifier.refresh().get(1, TimeUnit.MINUTES).retrained()).isTrue();
        return classifier;
    }

    /** Answers from a model whose runtime has gone away (until feedback retrains it, which none does here). */
    @Override
    protected Optional<Classifier> createFailingClassifier() {
        return Optional.of(builder().initialModel(new FailingModel(MiniCorpus.TAXONOMY)).build());
    }

    @Test
    void retrainingOnMarkedFeedbackLogsNoArticleText() throws Exception {
        RefreshingClassifier classifier = (RefreshingClassifier) classifier();
        List<Article> marked = ContractArticles.marked();
        List<String> lines;
        try (LogCapture logs = LogCapture.start()) {
            // Retrained with marked rows, one under a label the taxonomy lacks (left out, and said so).
            store.add(Feedback.of(marked.get(0), "Sports", ""));
            store.add(Feedback.of(marked.get(1), "Gossip", ""));
            assertThat(classifier.refresh().get(1, TimeUnit.MINUTES).retrained()).isTrue();
            // A failed retraining is logged, with the trainer's exception.
            Trainer failing = (rows, taxonomy) -> {
                throw new IllegalStateException("out of memory after " + rows.size() + " rows");
            };
            try (RefreshingClassifier starved = RefreshingClassifier.builder().trainer(failing).store(store)
                    .taxonomy(MiniCorpus.TAXONOMY).pollEvery(Duration.ZERO).build()) {
                assertThatThrownBy(() -> starved.refresh().join()).isInstanceOf(CompletionException.class)
                        .hasRootCauseInstanceOf(IllegalStateException.class);
            }
            lines = logs.lines();
        }
        assertThat(lines).as("what retraining logged").isNotEmpty()
                .noneMatch(line -> line.contains(ContractArticles.MARKER));
    }
}
