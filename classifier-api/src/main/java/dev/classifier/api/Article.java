package dev.classifier.api;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of text to classify: an id the caller chose, a title and a body. Either the title or the body
 * may be empty, not both; a null title or body (a database row's missing column, say) is taken as empty.
 * Metadata (source, language, URL, ...) travels with the article and is copied.
 *
 * @param id       the caller's id of the article; not blank
 * @param title    the title; empty when there is none (null is taken as empty)
 * @param body     the body; empty when there is none (null is taken as empty)
 * @param metadata anything else about the article, copied; never null
 */
public record Article(String id, String title, String body, Map<String, String> metadata) {

    /**
     * Checks and copies the parts of an article.
     *
     * @param id       the caller's id of the article; not blank
     * @param title    the title; null is taken as empty
     * @param body     the body; null is taken as empty
     * @param metadata anything else about the article, copied
     * @throws NullPointerException     if the id or the metadata is null
     * @throws IllegalArgumentException if the id is blank, or the title and the body are both blank
     */
    public Article {
        Objects.requireNonNull(id, "id");
        title = title == null ? "" : title;
        body = body == null ? "" : body;
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
     * @param id    the caller's id of the article; not blank
     * @param title the title; empty or null when there is none
     * @param body  the body; empty or null when there is none
     * @return the article
     * @throws IllegalArgumentException if the id is blank, or the title and the body are both blank
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
     * Does not print the text: articles are user data and may be long.
     *
     * @return the id and the lengths of the title and the body
     */
    @Override
    public String toString() {
        return "Article[id=" + id + ", title=" + title.length() + " chars, body=" + body.length() + " chars]";
    }
}
