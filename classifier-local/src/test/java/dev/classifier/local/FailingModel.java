package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.UnavailableException;

import java.util.Objects;

/** A trained model whose runtime has gone away: every classification fails as a real provider's would. */
final class FailingModel implements TrainedClassifier {

    private final Taxonomy taxonomy;

    FailingModel(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        throw new UnavailableException("the model is unavailable for article '" + article.id() + "'",
                new IllegalStateException("connection reset"));
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }

    @Override
    public String modelVersion() {
        return "failing-v1@000000000000";
    }
}
