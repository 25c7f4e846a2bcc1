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
     * @param article the article; its text is data for the model, never instructions
     * @return a prediction whose label is one of {@link #taxonomy()}'s labels
     * @throws ClassificationException when no prediction can be had (the message never holds the article text)
     */
    Prediction classify(Article article);

    /**
     * Classifies many articles: the result has the same order and size as the input, and one failure loses no
     * other result. A strategy may run this concurrently or as a batch; this default runs one after another.
     *
     * @param articles the articles, in the order the outcomes should come back
     * @return one outcome per article, at the article's position: a {@link Outcome.Success} or an
     *         {@link Outcome.Failure} with the {@link ClassificationException} (any other exception is wrapped in one)
     */
    default List<Outcome> classifyAll(List<Article> articles) {
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (Article article : articles) {
            outcomes.add(Classifiers.classifyOne(this, article));
        }
        return outcomes;
    }

    /**
     * The categories this classifier chooses from.
     *
     * @return the taxonomy; every prediction's label is one of its labels, the fallback included
     */
    Taxonomy taxonomy();

    /** Releases what the classifier holds (clients, threads, models). The default holds nothing. */
    @Override
    default void close() {
    }
}
