package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A test double for a model that cannot learn until retrained (a prompt or fine-tuned model, say): it gives every
 * article the same label, so that what the corrections change is plain to see.
 */
final class ConstantClassifier implements Classifier {

    private final Taxonomy taxonomy;
    private final String label;
    private volatile boolean closed;

    ConstantClassifier(Taxonomy taxonomy, String label) {
        this.taxonomy = taxonomy;
        this.label = label;
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        if (closed) {
            throw new IllegalStateException("closed");
        }
        return new Prediction(label, 0.7, Map.of(label, 0.7), Set.of(), "", "constant-v1", Usage.NONE);
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public void close() {
        closed = true;
    }
}
