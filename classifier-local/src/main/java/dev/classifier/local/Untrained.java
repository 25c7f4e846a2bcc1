package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;

import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;

/** Answers before any model exists: the fallback label, flagged, with confidence unknown. */
final class Untrained implements Classifier {

    private final Taxonomy taxonomy;

    Untrained(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public Prediction classify(Article article) {
        Objects.requireNonNull(article, "article");
        return new Prediction(taxonomy.fallback(), Double.NaN, Map.of(), EnumSet.of(Prediction.Flag.FALLBACK), "",
                RefreshingClassifier.UNTRAINED, Usage.NONE);
    }

    @Override
    public Taxonomy taxonomy() {
        return taxonomy;
    }
}
