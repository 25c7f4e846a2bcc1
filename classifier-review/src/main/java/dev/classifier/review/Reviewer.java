package dev.classifier.review;

import java.util.Objects;

/**
 * A person who reviews, by the name their corrections are recorded under.
 *
 * @param name 1 to 64 characters, no control characters
 */
record Reviewer(String name) {

    public Reviewer {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.length() > 64 || !name.equals(name.strip())) {
            throw new IllegalArgumentException("a reviewer's name has 1 to 64 characters and no surrounding space");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a reviewer's name has no control characters");
        }
    }
}
