package dev.classifier.examples;

import dev.classifier.api.Article;
import dev.classifier.api.ClassificationException;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.ConnectionFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why the articles of a run failed, counted by cause, so that a run in which every article failed for the same
 * reason says so once (the cause and the count) instead of listing the same failure for each article. A failure
 * to reach the provider is one cause per kind ({@link ConnectionFailure}: refused, a name that does not resolve,
 * no answer, ...), whether the call was tried or refused by the open circuit; any other failure is one cause per
 * exception type. Thread-safe.
 */
final class FailureCauses {

    /** The prefix of a call's message that names the article: the same cause fails every article. */
    private static final String ARTICLE_PREFIX = "^classifying article '[^']*': ";

    private final String endpoint;
    private final Map<String, Integer> articlesByCause = new LinkedHashMap<>();

    /** @param endpoint the endpoint the calls go to, as it may be printed (no credentials) */
    FailureCauses(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The classifier with the failures of its outcomes counted here; what it returns is unchanged. */
    Classifier counting(Classifier classifier) {
        return new Classifier() {
            @Override
            public Prediction classify(Article article) {
                try {
                    return classifier.classify(article);
                } catch (ClassificationException e) {
                    count(e);
                    throw e;
                }
            }

            @Override
            public List<Outcome> classifyAll(List<Article> articles) {
                List<Outcome> outcomes = classifier.classifyAll(articles);
                for (Outcome outcome : outcomes) {
                    if (outcome instanceof Outcome.Failure failure) {
                        count(failure.error());
                    }
                }
                return outcomes;
            }

            @Override
            public Taxonomy taxonomy() {
                return classifier.taxonomy();
            }

            @Override
            public String toString() {
                return classifier.toString();
            }
        };
    }

    /** The failures counted so far. */
    synchronized int failures() {
        return articlesByCause.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** One line per cause, in the order first seen: "{@code <cause>; <n> articles not classified}". */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        articlesByCause.forEach((cause, n) -> lines.add(cause + "; " + n + (n == 1 ? " article" : " articles")
                + " not classified"));
        return lines;
    }

    private synchronized void count(ClassificationException error) {
        articlesByCause.merge(causeOf(error), 1, Integer::sum);
    }

    /**
     * The cause in words: the endpoint and the kind of failure when the provider could not be reached; else the
     * exception's type and, for the first article it failed, its message without the article's name (the library's
     * messages hold no article text and no key).
     */
    private String causeOf(ClassificationException error) {
        return ConnectionFailure.of(error)
                .map(kind -> "the endpoint " + endpoint + " is unreachable (" + kind.description() + ")")
                .orElseGet(() -> causeByType(error));
    }

    /** The cause already counted for this exception type, or a new one from this error's message. */
    private String causeByType(ClassificationException error) {
        String type = error.getClass().getSimpleName();
        for (String cause : articlesByCause.keySet()) {
            if (cause.startsWith(type + ":")) {
                return cause;
            }
        }
        String message = error.getMessage() == null ? "" : error.getMessage().replaceFirst(ARTICLE_PREFIX, "");
        return type + ": " + message;
    }
}
