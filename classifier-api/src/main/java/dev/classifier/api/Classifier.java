package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts articles into the categories of a {@link Taxonomy}. Every strategy (prompt, fine-tuned, local,
 * embeddings, cascade) implements this, so callers swap one for another without changing their code.
 * Implementations are safe for concurrent use.
 */
public interface Classifier extends AutoCloseable {

    /**
     * Classifies one article.
     *
     * @return a prediction whose label is one of {@link #taxonomy()}'s labels
     * @throws ClassificationException when no prediction can be had (the message never holds the article text)
     */
    Prediction classify(Article article);

    /**
     * Classifies many articles: the result has the same order and size as the input, and one failure loses no
     * other result. A strategy may run this concurrently or as a batch; this default runs one after another.
     */
    default List<Outcome> classifyAll(List<Article> articles) {
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (Article article : articles) {
            outcomes.add(Classifiers.classifyOne(this, article));
        }
        return outcomes;
    }

    Taxonomy taxonomy();

    /** Releases what the classifier holds (clients, threads, models). The default holds nothing. */
    @Override
    default void close() {
    }
}
