package dev.classifier.api;

import java.util.Objects;

/** An article with the label it truly has: a row of a labelled set, or what feedback teaches. */
public record LabeledArticle(Article article, String label) {

    public LabeledArticle {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label of article '" + article.id() + "' is blank");
        }
    }
}
