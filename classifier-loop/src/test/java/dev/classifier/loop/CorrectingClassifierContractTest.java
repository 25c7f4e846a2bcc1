package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.ClassifierContract;
import dev.classifier.testkit.ContractArticles;
import org.junit.jupiter.api.AfterEach;

import java.util.Optional;

/**
 * {@link CorrectingClassifier} meets the contract over a trained local model, with corrections in the store (one of
 * a contract article, marked, so that what it changes is checked for leaks too), and fails as the model it wraps
 * fails.
 */
class CorrectingClassifierContractTest extends ClassifierContract {

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected Classifier createClassifier() {
        LoopCorpus.addBackground(store);
        Classifier local = LoopCorpus.train(store);
        Article marked = ContractArticles.marked().get(0);
        store.add(Feedback.correction(marked).from("Sports").to("World").because("").withId("fb-marked"));
        for (int i = 0; i < 3; i++) {
            store.add(Feedback.correction(Article.of("c-" + i, "Contoso news item " + i + " " + ContractArticles.MARKER,
                    "")).from("Technology").to("Business").because("").withId("fb-c" + i));
        }
        return CorrectingClassifier.over(local, store);
    }

    @Override
    protected Optional<Classifier> createFailingClassifier() {
        return Optional.of(CorrectingClassifier.over(new FailingClassifier(LoopCorpus.TAXONOMY), store));
    }

    /** A model whose runtime has gone away. */
    private static final class FailingClassifier implements Classifier {
        private final Taxonomy taxonomy;

        FailingClassifier(Taxonomy taxonomy) {
            this.taxonomy = taxonomy;
        }

        @Override
        public Prediction classify(Article article) {
            java.util.Objects.requireNonNull(article, "article");
            throw new ClassificationException("the model is unavailable");
        }

        @Override
        public Taxonomy taxonomy() {
            return taxonomy;
        }
    }
}
