package dev.classifier.api;

import java.util.Objects;

/**
 * One category of a {@link Taxonomy}: its label and a description that tells a model or a person when it applies.
 *
 * @param label       the name predictions and feedback use; not blank, no surrounding whitespace
 * @param description when the category applies, in words a model can follow (the prompt strategies show it);
 *                    may be empty
 */
public record Category(String label, String description) {

    /**
     * Checks the label.
     *
     * @param label       the label, not blank, no surrounding whitespace
     * @param description when the category applies; may be empty
     * @throws NullPointerException     if the label or the description is null
     * @throws IllegalArgumentException if the label is blank or has surrounding whitespace
     */
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

    /**
     * A category with no description.
     *
     * @param label the label, not blank, no surrounding whitespace
     * @return the category
     */
    public static Category of(String label) {
        return new Category(label, "");
    }
}
