package dev.classifier.api;

import java.util.Objects;

/** One category of a {@link Taxonomy}: its label and a description that tells a model or a person when it applies. */
public record Category(String label, String description) {

    public Category {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        if (label.isBlank()) {
            throw new IllegalArgumentException("category label is blank");
        }
        if (!label.equals(label.strip())) {
            throw new IllegalArgumentException("category label '" + label + "' has surrounding whitespace");
        }
    }

    public static Category of(String label) {
        return new Category(label, "");
    }
}
