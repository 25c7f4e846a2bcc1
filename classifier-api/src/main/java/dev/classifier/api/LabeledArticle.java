package dev.classifier.api;

import java.util.Objects;

/**
 * An article with the label it truly has: a row of a labelled set, or what feedback teaches.
 *
 * @param article the article
 * @param label   its true label, not blank; whether the label is in a taxonomy is checked where the row meets one
 */
public record LabeledArticle(Article article, String label) {

    /**
     * Checks the parts.
     *
     * @param article the article
     * @param label   its true label, not blank
     * @throws NullPointerException     if the article or the label is null
     * @throws IllegalArgumentException if the label is blank
     */
    public LabeledArticle {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label of article '" + article.id() + "' is blank");
        }
    }
}
