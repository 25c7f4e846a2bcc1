package dev.classifier.api;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of text to classify: an id the caller chose, a title and a body. Either the title or the body
 * may be empty, not both. Metadata (source, language, URL, ...) travels with the article and is copied.
 *
 * <p>The text is user data: {@link #toString()} and the library's exception messages name the id, never the text.
 *
 * @param id       the caller's id for the article, not blank; outcomes, feedback and reports refer to it
 * @param title    the headline, possibly empty
 * @param body     the text under the headline, possibly empty
 * @param metadata free-form key/value pairs the library carries along but does not read; copied, immutable
 */
public record Article(String id, String title, String body, Map<String, String> metadata) {

    /**
     * Checks and copies the parts.
     *
     * @param id       the caller's id, not blank
     * @param title    the headline, possibly empty
     * @param body     the text, possibly empty (not together with the title)
     * @param metadata key/value pairs carried along; copied
     * @throws NullPointerException     if any part is null
     * @throws IllegalArgumentException if the id is blank, or the title and the body both are
     */
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(metadata, "metadata");
        if (id.isBlank()) {
            throw new IllegalArgumentException("article id is blank");
        }
        if (title.isBlank() && body.isBlank()) {
            throw new IllegalArgumentException("article '" + id + "' has neither a title nor a body");
        }
        metadata = Map.copyOf(metadata);
    }

    /**
     * An article without metadata.
     *
     * @param id    the caller's id, not blank
     * @param title the headline, possibly empty
     * @param body  the text, possibly empty (but not together with the title)
     * @return the article
     * @throws IllegalArgumentException if the id is blank, or the title and the body both are
     */
    public static Article of(String id, String title, String body) {
        return new Article(id, title, body, Map.of());
    }

    /**
     * The text a classifier reads.
     *
     * @return the title and the body joined by a newline, leaving out whichever is blank
     */
    public String text() {
        if (title.isBlank()) {
            return body;
        }
        if (body.isBlank()) {
            return title;
        }
        return title + "\n" + body;
    }

    /**
     * Names the id and the lengths only: articles are user data and may be long.
     *
     * @return {@code Article[id=..., title=N chars, body=N chars]}
     */
    @Override
    public String toString() {
        return "Article[id=" + id + ", title=" + title.length() + " chars, body=" + body.length() + " chars]";
    }
}
