package dev.classifier.cli;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;

import java.util.List;

/** A classifier that closes what it was built over (an embedding model, a feedback store) when it is closed. */
record Owning(Classifier classifier, AutoCloseable resource) implements Classifier {

    @Override
    public Prediction classify(Article article) {
        return classifier.classify(article);
    }

    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        return classifier.classifyAll(articles);
    }

    @Override
    public Taxonomy taxonomy() {
        return classifier.taxonomy();
    }

    @Override
    public void close() {
        try {
            classifier.close();
        } finally {
            closeResource();
        }
    }

    private void closeResource() {
        try {
            resource.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing " + resource.getClass().getSimpleName() + " failed", e);
        }
    }
}
