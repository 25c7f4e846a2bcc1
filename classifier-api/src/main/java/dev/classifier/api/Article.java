package dev.classifier.api;

import java.util.Map;
import java.util.Objects;

/**
 * A piece of text to classify: an id the caller chose, a title and a body. Either the title or the body
 * may be empty, not both. Metadata (source, language, URL, ...) travels with the article and is copied.
 */
public record Article(String id, String title, String body, Map<String, String> metadata) {

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

    public static Article of(String id, String title, String body) {
        return new Article(id, title, body, Map.of());
    }

    /** The title and the body joined by a newline, leaving out whichever is blank. */
    public String text() {
        if (title.isBlank()) {
            return body;
        }
        if (body.isBlank()) {
            return title;
        }
        return title + "\n" + body;
    }

    /** Does not print the text: articles are user data and may be long. */
    @Override
    public String toString() {
        return "Article[id=" + id + ", title=" + title.length() + " chars, body=" + body.length() + " chars]";
    }
}
