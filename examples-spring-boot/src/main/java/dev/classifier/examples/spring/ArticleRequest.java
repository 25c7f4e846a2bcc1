package dev.classifier.examples.spring;

import dev.classifier.api.Article;

/**
 * An article as the service takes it, checked when built (Jackson builds it from the request body). The text is
 * data: it is classified or stored, never put in a log line or an error message.
 *
 * @param id    the caller's id of the article; optional for {@code /classify}
 * @param title the title; may be empty when the body is not
 * @param body  the body; may be empty when the title is not
 */
public record ArticleRequest(String id, String title, String body) {

    /** Title and body together at most this many characters: a news article, not a book. */
    public static final int MAX_TEXT_LENGTH = 100_000;

    /** The id {@code /classify} gives an article that comes without one. */
    static final String UNNAMED = "unnamed";

    /**
     * @throws IllegalArgumentException if the id is blank but present, both texts are empty, or the text is too long
     */
    public ArticleRequest {
        title = title == null ? "" : title;
        body = body == null ? "" : body;
        if (id != null && id.isBlank()) {
            throw new IllegalArgumentException("article.id is blank: leave it out or give the article's id");
        }
        if (title.isBlank() && body.isBlank()) {
            throw new IllegalArgumentException("the article has neither a title nor a body: give at least one");
        }
        int length = title.length() + body.length();
        if (length > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the article's title and body are " + length
                    + " characters together, more than the " + MAX_TEXT_LENGTH + " this service takes");
        }
    }

    /** @return the article, under its id or, without one, {@value #UNNAMED} */
    Article toArticle() {
        return Article.of(id == null ? UNNAMED : id, title, body);
    }
}
