package dev.classifier.api;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts articles into the categories of a {@link Taxonomy}. Every strategy (prompt, fine-tuned, local,
 * embeddings, cascade) implements this, so callers swap one for another without changing their code.
 * Implementations are safe for concurrent use.
 *
 * <p>What every implementation of this library does (classifier-testkit's {@code ClassifierContract} checks it):
 * <ul>
 *   <li>a null article, list or element of a list throws {@link NullPointerException};</li>
 *   <li>when the model or the provider fails, {@link #classify} throws a {@link ClassificationException} (a
 *       subclass says whether retrying may help), and {@link #classifyAll} gives that article an
 *       {@link Outcome.Failure} instead;</li>
 *   <li>after {@link #close()}, both throw {@link IllegalStateException};</li>
 *   <li>no exception message, prediction or log line holds an article's text.</li>
 * </ul>
 */
public interface Classifier extends AutoCloseable {

    /**
     * Classifies one article.
     *
     * @param article the article to classify
     * @return a prediction whose label is one of {@link #taxonomy()}'s labels
     * @throws ClassificationException when no prediction can be had (the message never holds the article text)
     * @throws NullPointerException    if {@code article} is null
     * @throws IllegalStateException   if the classifier is closed
     */
    Prediction classify(Article article);

    /**
     * Classifies many articles: the result has the same order and size as the input, and one failure loses no
     * other result. A strategy may run this concurrently or as a batch; this default runs one after another.
     *
     * @param articles the articles to classify
     * @return one outcome per article, in the input's order: a prediction, or a failure under the article's id
     * @throws NullPointerException  if {@code articles} or one of them is null (before any is classified)
     * @throws IllegalStateException if the classifier is closed
     */
    default List<Outcome> classifyAll(List<Article> articles) {
        Classifiers.requireArticles(articles);
        List<Outcome> outcomes = new ArrayList<>(articles.size());
        for (Article article : articles) {
            outcomes.add(Classifiers.classifyOne(this, article));
        }
        return outcomes;
    }

    /**
     * The categories this classifier answers in; it still answers after {@link #close()}.
     *
     * @return the taxonomy, whose labels are the only ones predictions carry
     */
    Taxonomy taxonomy();

    /**
     * Releases what the classifier holds (clients, threads, models). Closing again does nothing; after it,
     * {@link #classify} and {@link #classifyAll} throw {@link IllegalStateException}. This default, for simple
     * classifiers that hold nothing (test doubles, say), does nothing and leaves that check to the implementation.
     */
    @Override
    default void close() {
    }
}
